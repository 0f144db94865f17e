package io.harbormaster.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.model.WorkloadRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InventoryEntryTest {
  @Test
  void parsesANamespacedObjectOfANamedGroup() {
    InventoryEntry entry = InventoryEntry.parse("default_podinfo_apps_Deployment");

    assertThat(entry)
        .isEqualTo(
            InventoryEntry.builder()
                .namespace("default")
                .name("podinfo")
                .group("apps")
                .kind("Deployment")
                .build());
    assertThat(entry.workload()).contains(WorkloadRef.deployment("default", "podinfo"));
  }

  @Test
  void coreGroupIsEmpty() {
    InventoryEntry entry = InventoryEntry.parse("default_podinfo__Service");

    assertThat(entry.group()).isEmpty();
    assertThat(entry.name()).isEqualTo("podinfo");
    assertThat(entry.kind()).isEqualTo("Service");
    assertThat(entry.workload()).isEmpty();
  }

  @Test
  void clusterScopedHasAnEmptyNamespace() {
    InventoryEntry entry =
        InventoryEntry.parse("_cluster-admin-binding_rbac.authorization.k8s.io_ClusterRoleBinding");

    assertThat(entry.namespace()).isEmpty();
    assertThat(entry.name()).isEqualTo("cluster-admin-binding");
    assertThat(entry.group()).isEqualTo("rbac.authorization.k8s.io");
  }

  @Test
  void doubleUnderscoreInAnRbacNameIsAColon() {
    InventoryEntry entry =
        InventoryEntry.parse("_system__controller__flux_rbac.authorization.k8s.io_ClusterRole");

    assertThat(entry.name()).isEqualTo("system:controller:flux");
    assertThat(entry.id())
        .isEqualTo("_system__controller__flux_rbac.authorization.k8s.io_ClusterRole");
  }

  @Test
  void statefulSetOfADottedName() {
    assertThat(InventoryEntry.parse("db_pg.primary_apps_StatefulSet").workload())
        .contains(WorkloadRef.statefulSet("db", "pg.primary"));
  }

  @Test
  void otherGroupsNamingAStatefulSetAreNotWorkloads() {
    assertThat(InventoryEntry.parse("db_pg_apps.kruise.io_StatefulSet").workload()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "podinfo",
        "default_podinfo",
        "default_podinfo_Deployment",
        "default__apps_Deployment",
        "default_podinfo_apps_",
        "default_a_b_apps_Deployment"
      })
  void malformedIdQuotesItAndTheShape(String id) {
    assertThatThrownBy(() -> InventoryEntry.parse(id))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining("'" + id + "'")
        .hasMessageContaining("<namespace>_<name>_<group>_<kind>");
  }

  @Test
  void aMalformedIdSaysWhichPartIsEmpty() {
    assertThatThrownBy(() -> InventoryEntry.parse("default__apps_Deployment"))
        .hasMessageContaining("is malformed: its name is empty;");
    assertThatThrownBy(() -> InventoryEntry.parse("default_podinfo_apps_"))
        .hasMessageContaining("is malformed: its kind is empty;");
  }

  @Test
  void aClusterScopedEntryNamesNoWorkload() {
    assertThat(InventoryEntry.parse("_podinfo_apps_Deployment").workload()).isEmpty();
  }
}
