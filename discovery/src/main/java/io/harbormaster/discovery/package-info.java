/**
 * Kubernetes adapters for {@link io.harbormaster.core.port.AppDiscovery}, which reads the app's
 * Flux inventory or Helm release secret and its pods through fabric8 and leaves the decoding to the
 * core, and for {@link io.harbormaster.core.port.ImageAutomations}, which reads the Flux
 * ImageUpdateAutomations of the namespaces the app may touch and their GitRepositories and leaves
 * to the core which of them write the app's file.
 */
package io.harbormaster.discovery;
