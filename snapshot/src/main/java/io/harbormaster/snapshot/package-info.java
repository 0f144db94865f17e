/**
 * Kubernetes adapter for {@link io.harbormaster.core.port.VolumeSnapshots}: CSI VolumeSnapshots
 * ({@code snapshot.storage.k8s.io/v1}) through fabric8.
 */
package io.harbormaster.snapshot;
