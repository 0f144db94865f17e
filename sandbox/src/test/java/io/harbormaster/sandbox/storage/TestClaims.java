package io.harbormaster.sandbox.storage;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

/** PVCs and the pods that mount them, for the storage simulation's tests. */
final class TestClaims {
  private TestClaims() {}

  /** A ReadWriteOnce PVC of {@code storageClass} (none: {@code null}) asking for {@code size}. */
  static PersistentVolumeClaim pvc(
      String namespace, String name, String storageClass, String size) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withStorageClassName(storageClass)
        .withNewResources()
        .addToRequests("storage", new Quantity(size))
        .endResources()
        .endSpec()
        .build();
  }

  /** A pod mounting PVC {@code claimName} as volume {@code data}. */
  static Pod podMounting(String namespace, String name, String claimName) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withNewSpec()
        .addNewVolume()
        .withName("data")
        .withNewPersistentVolumeClaim()
        .withClaimName(claimName)
        .endPersistentVolumeClaim()
        .endVolume()
        .addNewContainer()
        .withName("db")
        .withImage("postgres:14")
        .endContainer()
        .endSpec()
        .build();
  }
}
