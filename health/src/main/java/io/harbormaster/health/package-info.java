/**
 * The Kubernetes adapter for what an app's Flux objects and workloads show now: Flux readiness and
 * the Kustomization that applies each object, workload readiness, the pods holding volumes, the
 * health rule's live inputs and watch-driven change notification. It reads and watches; what
 * changes those objects is the {@code control} module's.
 *
 * <p>Every read is live; nothing here caches a condition.
 */
package io.harbormaster.health;
