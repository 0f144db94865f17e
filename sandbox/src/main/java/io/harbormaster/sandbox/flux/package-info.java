/**
 * A simulated Flux for the sandbox: what source-controller, kustomize-controller and helm-controller do
 * to the objects Harbormaster reads and writes, played in-process against fabric8's mock API server so
 * that Harbormaster's real adapters and engine can run whole upgrades and rollbacks.
 * {@link io.harbormaster.sandbox.flux.SimulatedFlux} installs the Flux CRDs and starts it.
 *
 * <p>What it does: a GitRepository fetches the tip of its branch with JGit when first seen, on its
 * {@code spec.interval} and on a new {@code reconcile.fluxcd.io/requestedAt}, and stores it as its
 * artifact; a commit pushed meanwhile waits, as on a real cluster. A Kustomization reconciles when
 * first seen, on its interval, on a spec change (its generation, which resuming also bumps), on a new
 * {@code requestedAt} and when its source stores a new revision, never while suspended; it takes its
 * source's stored artifact, builds {@code spec.path} (kustomization
 * {@code resources}, {@code namespace} and {@code images}), applies the objects, prunes, and writes the
 * inventory, revisions and Ready condition. A HelmRelease reconciles on the same triggers, renders a
 * chart from a {@link io.harbormaster.sandbox.flux.chart.ChartCatalogue}, applies it, and stores real
 * Helm release Secrets that Helm and Harbormaster's decoder can read.
 *
 * <p>What it leaves out, being a simulation: HelmReleases reconcile on events only, not on their
 * interval; no health checks,
 * dependsOn, post-build substitution, patches or remote bases; no Helm repositories, templates, hooks,
 * tests or remediation (a failed release is not stored); deleting a Kustomization or HelmRelease leaves
 * what it applied; server-side apply, which the mock refuses, is approximated by JSON merge patches.
 * One thread reconciles everything, so a test sees one change at a time.
 */
package io.harbormaster.sandbox.flux;
