package io.harbormaster.sandbox.storage;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;

/**
 * The VolumeSnapshot CRD ({@code snapshot.storage.k8s.io/v1}) with its status subresource, which the
 * mock API server needs before it serves {@code /status} of a VolumeSnapshot.
 */
public final class VolumeSnapshotCrd {
  public static final String API_VERSION = "snapshot.storage.k8s.io/v1";
  public static final String KIND = "VolumeSnapshot";
  private static final String NAME = "volumesnapshots.snapshot.storage.k8s.io";

  private VolumeSnapshotCrd() {}

  /** Creates the CRD unless it exists. */
  public static void install(KubernetesClient client) {
    if (client.apiextensions().v1().customResourceDefinitions().withName(NAME).get() != null) {
      return;
    }
    CustomResourceDefinition crd =
        new CustomResourceDefinitionBuilder()
            .withNewMetadata()
            .withName(NAME)
            .endMetadata()
            .withNewSpec()
            .withGroup("snapshot.storage.k8s.io")
            .withScope("Namespaced")
            .withNewNames()
            .withKind(KIND)
            .withListKind("VolumeSnapshotList")
            .withPlural("volumesnapshots")
            .withSingular("volumesnapshot")
            .endNames()
            .addNewVersion()
            .withName("v1")
            .withServed(true)
            .withStorage(true)
            .withNewSubresources()
            .withNewStatus()
            .endStatus()
            .endSubresources()
            .withNewSchema()
            .withNewOpenAPIV3Schema()
            .withType("object")
            .withXKubernetesPreserveUnknownFields(true)
            .endOpenAPIV3Schema()
            .endSchema()
            .endVersion()
            .endSpec()
            .build();
    client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
  }

  static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
      volumeSnapshots(KubernetesClient client) {
    return client.genericKubernetesResources(API_VERSION, KIND);
  }
}
