/**
 * {@code hm demo}: Harbormaster's real operator (the same reconcilers, in-process) upgrading sample
 * apps on the sandbox, a simulated cluster, and checking that each scenario ended as it should.
 */
package io.harbormaster.cli.demo;
