package io.harbormaster.sandbox.storage;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.sandbox.crd.SchemalessCrd;

/**
 * The VolumeSnapshot CRD ({@code snapshot.storage.k8s.io/v1}) with its status subresource, which
 * the mock API server needs before it serves {@code /status} of a VolumeSnapshot.
 */
public final class VolumeSnapshotCrd {
  public static final String API_VERSION = "snapshot.storage.k8s.io/v1";
  public static final String KIND = "VolumeSnapshot";

  private VolumeSnapshotCrd() {}

  /** Creates the CRD unless it exists. */
  public static void install(KubernetesClient client) {
    SchemalessCrd.install(
        client, SchemalessCrd.of("snapshot.storage.k8s.io", "v1", KIND, "volumesnapshots"));
  }

  static MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      volumeSnapshots(KubernetesClient client) {
    return client.genericKubernetesResources(API_VERSION, KIND);
  }
}
