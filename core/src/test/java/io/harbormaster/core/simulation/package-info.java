/**
 * A test double: an in-memory world that implements every port (one app's Flux objects, workloads,
 * volumes with data, snapshots and a git history) with simulated time, for core's tests and,
 * through core's test-jar, other modules' tests. It lives in test code because no product code runs
 * on it; the sandbox is the simulated cluster people and end-to-end tests use.
 */
@HarbormasterStyle
package io.harbormaster.core.simulation;

import io.harbormaster.core.HarbormasterStyle;
