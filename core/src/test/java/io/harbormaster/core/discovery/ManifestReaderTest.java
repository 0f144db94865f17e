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
            AppWorkload.builder()
                .ref(WorkloadRef.statefulSet("db", "postgres"))
                .addClaimTemplates("data", "wal")
                .build(),
            AppWorkload.builder()
                .ref(WorkloadRef.deployment("monitoring", "exporter"))
                .addClaimName("exporter-state")
                .build());
  }

  @Test
  void readsASingleJsonObject() {
    String json =
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\",\"namespace\":\"shop\"}}";

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
  void invalidYamlIsNamedOnOneLineWithoutQuotingTheText() {
    String manifest = "apiVersion: v1\nkind: Secret\nstringData:\n  password: [hunter2\n";

    assertThatThrownBy(() -> reader.workloads(manifest, "db", "manifest of postgres v3"))
        .isInstanceOf(DiscoveryException.class)
        .hasMessage(
            "manifest of postgres v3 is not valid YAML: expected ',' or ']', but got <stream end> (while parsing a flow"
                + " sequence) at line 5, column 1");
  }

  @Test
  void aDocumentOfTheMostCodePointsIsRead() {
    String text = deploymentOfLength(3 * 1024 * 1024);

    assertThat(text).hasSize(3 * 1024 * 1024);
    assertThat(reader.workloads(text, "shop", "manifest"))
        .containsExactly(AppWorkload.of(WorkloadRef.deployment("shop", "web")));
  }

  @Test
  void aLongerDocumentIsRefusedNamingTheLimit() {
    String text = deploymentOfLength(3 * 1024 * 1024 + 1);

    assertThatThrownBy(() -> reader.workloads(text, "db", "manifest of postgres v3"))
        .isInstanceOf(DiscoveryException.class)
        .hasMessage(
            "manifest of postgres v3 has a document of more than 3145728 characters, the most discovery reads of one object,"
                + " twice what the API server stores: it is refused");
  }

  @Test
  void theCodePointLimitIsPerDocument() {
    String document = "---\n" + deploymentOfLength(2 * 1024 * 1024);

    assertThat(reader.workloads(document.repeat(3), "db", "manifest")).hasSize(3);
  }

  @Test
  void aDocumentOfNearlyTheMostTokensIsRead() {
    String text =
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nitems: ["
            + "a,".repeat(199_980)
            + "a]\n";

    assertThat(reader.workloads(text, "shop", "manifest"))
        .containsExactly(AppWorkload.of(WorkloadRef.deployment("shop", "web")));
  }

  @Test
  void aDocumentOfMoreTokensIsRefusedBeforeItsTreeIsBuilt() {
    String text = "items: [" + "a,".repeat(200_000) + "a]\n";

    assertThatThrownBy(() -> reader.workloads(text, "db", "manifest of postgres v3"))
        .isInstanceOf(DiscoveryException.class)
        .hasMessage(
            "manifest of postgres v3 has a document of more than 200000 YAML tokens (keys, values, brackets), the most discovery"
                + " reads of one object, far more than real objects have: it is refused");
  }

  @Test
  void theTokenBudgetIsPerDocument() {
    String document =
        "---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: pg\nitems: ["
            + "a,".repeat(150_000)
            + "a]\n";

    assertThat(reader.workloads(document.repeat(3), "db", "manifest")).hasSize(3);
  }

  @Test
  void workloadWithoutNameIsNamed() {
    assertThatThrownBy(
            () ->
                reader.workloads(
                    "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {}\n",
                    "db",
                    "manifest of x v1"))
        .isInstanceOf(DiscoveryException.class)
        .hasMessage("manifest of x v1 has a StatefulSet without metadata.name");
  }

  /**
   * Deployment shop/web with a note that makes it {@code length} characters long: a literal block
   * of short lines, which SnakeYAML reads ten times faster than one long scalar.
   */
  private static String deploymentOfLength(int length) {
    StringBuilder text =
        new StringBuilder(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nnote: |\n");
    while (length - text.length() >= 200) {
      text.append("  ").append("x".repeat(97)).append('\n');
    }
    int rest = length - text.length();
    return text.append("  ").append("x".repeat(rest - 3)).append('\n').toString();
  }

  @Test
  void aReaderOfSmallerLimitsRefusesWhatTheyExclude() {
    ManifestReader small = new ManifestReader(64, 4);
    String fourTokens = "a: b\n";
    String sixTokens = "a: b\nc: d\n";

    assertThat(small.workloads(fourTokens, "db", "manifest")).isEmpty();
    assertThatThrownBy(() -> small.workloads(sixTokens, "db", "manifest"))
        .hasMessageStartingWith("manifest has a document of more than 4 YAML tokens");
    assertThatThrownBy(() -> small.workloads("a: " + "b".repeat(64) + "\n", "db", "manifest"))
        .hasMessageStartingWith("manifest has a document of more than 64 characters");
  }

  @Test
  void invalidYamlWithoutContextSaysWhereOnOneLine() {
    assertThatThrownBy(() -> reader.workloads("key: value: other\n", "db", "manifest"))
        .isInstanceOf(DiscoveryException.class)
        .hasMessage(
            "manifest is not valid YAML: mapping values are not allowed here at line 1, column 11");
  }
}
