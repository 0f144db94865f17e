package io.harbormaster.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class GenericObjectTest {
  private static final GenericObject SETTINGS =
      new GenericObject("v1", "ConfigMap", "db", "settings");

  KubernetesClient client;

  @Test
  void readsTheNamedObject() {
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withNamespace("db")
                .withName("settings")
                .endMetadata()
                .addToData("mode", "fast")
                .build())
        .create();

    String mode = SETTINGS.require(client, "create it").get("data", "mode");

    assertThat(mode).isEqualTo("fast");
  }

  @Test
  void aMissingObjectIsAnErrorNamingItAndWhatToDo() {
    assertThatThrownBy(() -> SETTINGS.require(client, "create it"))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessage("ConfigMap db/settings not found: create it");
  }
}
