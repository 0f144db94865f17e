package io.harbormaster.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.model.WorkloadRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {
  /** Shaped like `helm get manifest` output: separators, Source comments, an empty document. */
  private static final String MANIFEST =
      String.join(
          "\n",
          "---",
          "# Source: postgresql/templates/secrets.yaml",
          "apiVersion: v1",
          "kind: Secret",
          "metadata:",
          "  name: postgres",
          "---",
          "# Source: postgresql/templates/empty.yaml",
          "---",
          "# Source: postgresql/templates/primary/statefulset.yaml",
          "apiVersion: apps/v1",
          "kind: StatefulSet",
          "metadata:",
          "  name: postgres",
          "spec:",
          "  replicas: 1",
          "  template:",
          "    spec:",
          "      volumes:",
          "        - name: config",
          "          configMap:",
          "            name: postgres-config",
          "  volumeClaimTemplates:",
          "    - apiVersion: v1",
          "      kind: PersistentVolumeClaim",
          "      metadata:",
          "        name: data",
          "    - metadata:",
          "        name: wal",
          "---",
          "# Source: postgresql/templates/metrics.yaml",
          "apiVersion: apps/v1",
          "kind: Deployment",
          "metadata:",
          "  name: exporter",
          "  namespace: monitoring",
          "spec:",
          "  template:",
          "    spec:",
          "      volumes:",
          "        - name: scratch",
          "          emptyDir: {}",
          "        - name: state",
          "          persistentVolumeClaim:",
          "            claimName: exporter-state",
          "---",
          "# Source: postgresql/templates/old.yaml",
          "apiVersion: extensions/v1beta1",
          "kind: Deployment",
          "metadata:",
          "  name: legacy",
          "---",
          "");

  private final ManifestReader reader = new ManifestReader();

  @Test
  void keepsDeploymentsAndStatefulSetsWithTheirClaims() {
    List<AppWorkload> workloads = reader.workloads(MANIFEST, "db", "manifest of postgres v3");

    assertThat(workloads)
        .containsExactly(
            AppWorkload.builder().ref(WorkloadRef.statefulSet("db", "postgres")).addClaimTemplates("data", "wal").build(),
            AppWorkload.builder().ref(WorkloadRef.deployment("monitoring", "exporter")).addClaimName("exporter-state").build());
  }

  @Test
  void readsASingleJsonObject() {
    String json = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\",\"namespace\":\"shop\"}}";

    assertThat(reader.workloads(json, "ignored", "Deployment shop/web"))
        .containsExactly(AppWorkload.of(WorkloadRef.deployment("shop", "web")));
  }

  @Test
  void emptyManifestHasNoWorkloads() {
    assertThat(reader.workloads("", "db", "manifest")).isEmpty();
    assertThat(reader.workloads("---\n# Source: x\n---\n", "db", "manifest")).isEmpty();
  }

  @Test
  void invalidYamlNamesItsSource() {
    assertThatThrownBy(() -> reader.workloads("kind: [unclosed\n", "db", "manifest of postgres v3"))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageStartingWith("manifest of postgres v3 is not valid YAML");
  }

  @Test
  void workloadWithoutNameIsNamed() {
    assertThatThrownBy(() -> reader.workloads("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {}\n", "db", "manifest of x v1"))
        .isInstanceOf(DiscoveryException.class)
        .hasMessage("manifest of x v1 has a StatefulSet without metadata.name");
  }
}
