/**
 * Kubernetes adapter for {@link io.harbormaster.core.port.AppDiscovery}: reads the app's Flux
 * inventory or Helm release secret and its pods through fabric8, and leaves the decoding to the
 * core.
 */
package io.harbormaster.discovery;
