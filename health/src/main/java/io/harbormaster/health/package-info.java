/**
 * The Kubernetes adapter for everything that observes or drives an app's Flux objects and
 * workloads: suspend and resume, reconcile requests, scaling, pods holding volumes, the health
 * rule's live inputs, watch-driven change notification and Kubernetes Events.
 *
 * <p>These live in one module because they read and patch the same objects (Kustomizations,
 * HelmReleases, Deployments, StatefulSets, their pods): one place knows how to find them, how their
 * status maps to the core's values, and how Harbormaster writes to them (JSON merge patches under
 * its own field manager, retried on conflicts). Every read is live; nothing here caches a
 * condition.
 */
package io.harbormaster.health;
