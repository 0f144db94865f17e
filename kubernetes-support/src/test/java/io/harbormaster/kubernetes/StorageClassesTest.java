package io.harbormaster.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class StorageClassesTest {
  KubernetesClient client;

  @BeforeEach
  void classes() {
    client
        .resource(
            new StorageClassBuilder()
                .withNewMetadata()
                .withName("local")
                .endMetadata()
                .withProvisioner("local")
                .withVolumeBindingMode("WaitForFirstConsumer")
                .build())
        .create();
    client
        .resource(
            new StorageClassBuilder()
                .withNewMetadata()
                .withName("fast")
                .addToAnnotations(StorageClasses.DEFAULT_CLASS, "true")
                .endMetadata()
                .withProvisioner("csi")
                .withVolumeBindingMode("Immediate")
                .build())
        .create();
  }

  private static PersistentVolumeClaim claim(String storageClass) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName("data")
        .endMetadata()
        .withNewSpec()
        .withStorageClassName(storageClass)
        .endSpec()
        .build();
  }

  @Test
  void aNamedClassDecides() {
    assertThat(StorageClasses.waitsForFirstConsumer(client, claim("local"))).isTrue();
    assertThat(StorageClasses.waitsForFirstConsumer(client, claim("fast"))).isFalse();
    assertThat(StorageClasses.waitsForFirstConsumer(client, claim("gone"))).isFalse();
  }

  @Test
  void withoutANameTheDefaultClassDecides() {
    assertThat(StorageClasses.waitsForFirstConsumer(client, claim(null))).isFalse();
    client
        .storage()
        .v1()
        .storageClasses()
        .withName("fast")
        .edit(
            c -> {
              c.setVolumeBindingMode("WaitForFirstConsumer");
              return c;
            });
    assertThat(StorageClasses.waitsForFirstConsumer(client, claim(null))).isTrue();
  }
}
