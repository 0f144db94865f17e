package io.harbormaster.snapshot;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.core.model.ObjectRef;
import java.util.Optional;

/**
 * Access to {@code snapshot.storage.k8s.io/v1} VolumeSnapshots as generic resources, and their
 * fields.
 */
final class VolumeSnapshotFields {
  static final String GROUP = "snapshot.storage.k8s.io";
  static final String API_VERSION = GROUP + "/v1";
  static final String KIND = "VolumeSnapshot";

  private VolumeSnapshotFields() {}

  static MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      volumeSnapshots(KubernetesClient client) {
    return client.genericKubernetesResources(API_VERSION, KIND);
  }

  static Resource<GenericKubernetesResource> volumeSnapshot(
      KubernetesClient client, ObjectRef snapshot) {
    return volumeSnapshots(client).inNamespace(snapshot.namespace()).withName(snapshot.name());
  }

  static String sourcePvc(GenericKubernetesResource snapshot) {
    return snapshot.get("spec", "source", "persistentVolumeClaimName");
  }

  static boolean readyToUse(GenericKubernetesResource snapshot) {
    return Boolean.TRUE.equals(snapshot.get("status", "readyToUse"));
  }

  static Optional<String> error(GenericKubernetesResource snapshot) {
    return Optional.ofNullable(snapshot.get("status", "error", "message"));
  }

  static Optional<String> restoreSize(GenericKubernetesResource snapshot) {
    return Optional.ofNullable(snapshot.get("status", "restoreSize"));
  }
}
