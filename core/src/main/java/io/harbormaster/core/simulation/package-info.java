/**
 * An in-memory world that implements every port: one app's Flux objects, workloads, volumes with
 * data, snapshots and a git history, with simulated time. It is what the CLI's sample walk runs on,
 * and what tests of code that embeds the library can run on; it is a simulation, not a cluster.
 */
@HarbormasterStyle
package io.harbormaster.core.simulation;

import io.harbormaster.core.HarbormasterStyle;
