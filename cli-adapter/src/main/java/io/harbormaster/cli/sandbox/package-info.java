/**
 * The sandbox with Harbormaster installed, as {@code hm demo}, {@code hm sandbox} and the CLI's
 * tests use it: the simulated cluster, Harbormaster's CRDs, the sample apps declared by
 * ManagedApps, the operator in-process, and a kubeconfig that points {@code hm} at it.
 */
package io.harbormaster.cli.sandbox;
