/**
 * The Kubernetes adapter for what Harbormaster changes on the cluster during an operation:
 * suspends, resumes and reconcile requests on Flux objects, workload scaling, and the Events that
 * tell people what it did. Writes are JSON patches under Harbormaster's own field manager, retried
 * on conflicts, each reading the object first so that asking twice writes once; what the objects
 * then show is the {@code health} module's to read.
 */
package io.harbormaster.control;
