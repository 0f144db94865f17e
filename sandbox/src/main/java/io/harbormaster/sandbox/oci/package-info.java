/**
 * OCI artifacts for the sandbox's Flux: {@link io.harbormaster.sandbox.oci.OciRegistry} stores them
 * as {@code flux push artifact} does (content layer, config, manifest, each addressed by the
 * SHA-256 of its bytes), and {@link io.harbormaster.sandbox.oci.SimulatedCi} publishes a directory
 * of a git branch on every push, after a delay, with the source and revision annotations that let
 * kustomize-controller name the commit an artifact was built from. A simulation: no HTTP, no
 * authentication, no signatures; tags only, no semver or digest references.
 */
package io.harbormaster.sandbox.oci;
