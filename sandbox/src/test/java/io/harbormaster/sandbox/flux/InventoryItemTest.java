package io.harbormaster.sandbox.flux;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryItemTest {
  @Test
  void idsAreWrittenAsKustomizeControllersInventoryWritesThem() {
    assertThat(InventoryItem.of("apps/v1", "Deployment", "default", "podinfo").id())
        .isEqualTo("default_podinfo_apps_Deployment");
    assertThat(InventoryItem.of("v1", "Service", "default", "podinfo").id())
        .isEqualTo("default_podinfo__Service");
    assertThat(
            InventoryItem.of(
                    "rbac.authorization.k8s.io/v1", "ClusterRole", "", "system:controller:flux")
                .id())
        .isEqualTo("_system__controller__flux_rbac.authorization.k8s.io_ClusterRole");
  }

  @Test
  void aStatusInventoryReadsBackToTheSameObjects() {
    GenericKubernetesResource kustomization = new GenericKubernetesResource();
    kustomization.setAdditionalProperty(
        "status",
        Map.of(
            "inventory",
            Map.of(
                "entries",
                List.of(
                    Map.of(
                        "id",
                        "_system__controller__flux_rbac.authorization.k8s.io_ClusterRole",
                        "v",
                        "v1"),
                    Map.of("id", "default_podinfo__Service", "v", "v1")))));

    assertThat(InventoryItem.ofStatus(kustomization))
        .containsExactly(
            new InventoryItem(
                "", "system:controller:flux", "rbac.authorization.k8s.io", "ClusterRole", "v1"),
            new InventoryItem("default", "podinfo", "", "Service", "v1"));
  }
}
