/**
 * A real container registry for tests and end-to-end runs: {@link
 * io.harbormaster.sandbox.registry.ContainerRegistry} runs Debian's Distribution registry (v2.8) on
 * loopback as a process of its own and pushes images and Helm charts (as OCI artifacts) to it
 * through the registry's HTTP API, with its own code. Unlike {@code sandbox.oci}'s in-memory
 * registry it is no simulation: what a client reads from it is what a registry serves. Plain HTTP,
 * no authentication.
 */
package io.harbormaster.sandbox.registry;
