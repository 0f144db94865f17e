package io.harbormaster.gitops.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.port.GitOpsException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class YamlFileTest {
  private static final String HELM_RELEASE =
      """
      # Managed by the platform team.
      apiVersion: helm.toolkit.fluxcd.io/v2
      kind: HelmRelease
      metadata:
        name: db   # the database
        namespace: db
      spec:
        interval: 10m
        chart:
          spec:
            chart: postgresql
            version: "15.2.3"   # pinned, see RUNBOOK
            sourceRef: {kind: HelmRepository, name: bitnami}
        values:
          image:
            tag: '15.2.0'
          replicas: 1
      """;

  private static final String KUSTOMIZATION =
      """
      apiVersion: kustomize.config.k8s.io/v1beta1
      kind: Kustomization
      resources: [deployment.yaml]
      images:
        - name: postgres
          newTag: 15.2.0 # keep in step with the chart
        - name: pgbouncer
          newTag: 1.21.0
      """;

  @Test
  void editsAQuotedVersionInAHelmReleaseAndNothingElse() {
    String edited = write(HELM_RELEASE, ScalarSelector.path("spec.chart.spec.version"), "15.3.0");

    assertThat(edited).isEqualTo(HELM_RELEASE.replace("\"15.2.3\"", "\"15.3.0\""));
  }

  @Test
  void keepsSingleQuotesAndEscapesThem() {
    String edited = write(HELM_RELEASE, ScalarSelector.path("spec.values.image.tag"), "it's-16");

    assertThat(edited).isEqualTo(HELM_RELEASE.replace("'15.2.0'", "'it''s-16'"));
    assertThat(read(edited, ScalarSelector.path("spec.values.image.tag"))).isEqualTo("it's-16");
  }

  @Test
  void selectsAKustomizationImageByName() {
    String edited =
        write(KUSTOMIZATION, ScalarSelector.path("images[name=postgres].newTag"), "15.4.1");

    assertThat(edited).isEqualTo(KUSTOMIZATION.replace("15.2.0 # keep", "15.4.1 # keep"));
  }

  @Test
  void editsInsideFlowCollections() {
    String edited =
        write(HELM_RELEASE, ScalarSelector.path("spec.chart.spec.sourceRef.name"), "bitnami-oci");

    assertThat(edited).isEqualTo(HELM_RELEASE.replace("name: bitnami}", "name: bitnami-oci}"));
  }

  @Test
  void keepsCrLfLineEndingsByteForByte() {
    String crlf = KUSTOMIZATION.replace("\n", "\r\n");

    String edited = write(crlf, ScalarSelector.path("images[name=pgbouncer].newTag"), "1.22.1");

    assertThat(edited).isEqualTo(crlf.replace("1.21.0", "1.22.1"));
  }

  @Test
  void editsOnlyTheDocumentThatHasThePath() {
    String multi =
        "---\nkind: ConfigMap\ndata:\n  version: 1.0.0\n---\n# second\nkind: HelmRelease\n"
            + "spec:\n  chart:\n    spec:\n      version: 1.0.0\n...\n";

    String edited = write(multi, ScalarSelector.path("spec.chart.spec.version"), "1.1.0");

    assertThat(edited).isEqualTo(multi.replace("      version: 1.0.0", "      version: 1.1.0"));
  }

  @Test
  void refusesAPathFoundInTwoDocuments() {
    String multi = "image:\n  tag: a\n---\nimage:\n  tag: b\n";

    assertThatThrownBy(() -> write(multi, ScalarSelector.path("image.tag"), "c"))
        .isInstanceOf(GitOpsException.class)
        .hasMessageContaining("values.yaml: path 'image.tag' matches in documents [1, 2]");
  }

  @Test
  void leavesAnchorsElsewhereAlone() {
    String yaml =
        "defaults: &defaults\n  pullPolicy: IfNotPresent\nimage:\n  <<: *defaults\n  tag: 1.0.0\n";

    String edited = write(yaml, ScalarSelector.path("image.tag"), "1.0.1");

    assertThat(edited).isEqualTo(yaml.replace("tag: 1.0.0", "tag: 1.0.1"));
  }

  @Test
  void refusesAPathThroughAnAlias() {
    String yaml = "base: &base\n  tag: 1.0.0\nprimary:\n  image: *base\n";

    assertThatThrownBy(() -> write(yaml, ScalarSelector.path("primary.image.tag"), "2"))
        .isInstanceOf(GitOpsException.class)
        .hasMessageContaining("path 'primary.image.tag' goes through the anchor &base");
  }

  @Test
  void refusesAnAnchoredScalar() {
    String yaml = "version: &v 1.0.0\nother: *v\n";

    assertThatThrownBy(() -> write(yaml, ScalarSelector.path("version"), "2"))
        .hasMessageContaining("goes through the anchor &v");
  }

  @Test
  void namesTheFileAndPathWhenAKeyIsMissing() {
    assertThatThrownBy(
            () -> write(HELM_RELEASE, ScalarSelector.path("spec.chart.spec.versio"), "1"))
        .isInstanceOf(GitOpsException.class)
        .hasMessage(
            "values.yaml: path 'spec.chart.spec.versio' does not exist: there is no key 'versio' in "
                + "'spec.chart.spec'");
  }

  @Test
  void refusesAPathThatEndsOnAMap() {
    assertThatThrownBy(() -> write(HELM_RELEASE, ScalarSelector.path("spec.values.image"), "1"))
        .hasMessageContaining("path 'spec.values.image' points at a map, not a scalar value");
  }

  @Test
  void refusesASelectorMatchingTwoElements() {
    String yaml = "images:\n- name: pg\n  newTag: 1\n- name: pg\n  newTag: 2\n";

    assertThatThrownBy(() -> write(yaml, ScalarSelector.path("images[name=pg].newTag"), "3"))
        .hasMessageContaining("is ambiguous: [name=pg] matches 2 elements of the list at 'images'");
  }

  @Test
  void refusesAMalformedPath() {
    assertThatThrownBy(() -> write(KUSTOMIZATION, ScalarSelector.path("images[name].newTag"), "3"))
        .hasMessageContaining("path 'images[name].newTag' is not valid");
  }

  @Test
  void quotesAPlainStringThatWouldOtherwiseReadAsANumber() {
    String yaml = "tag: 1.2.3 # app\n";

    String edited = write(yaml, ScalarSelector.path("tag"), "1.10");

    assertThat(edited).isEqualTo("tag: \"1.10\" # app\n");
  }

  @Test
  void keepsAPlainNumberPlainWhenItStaysANumber() {
    assertThat(write("major: 15\n", ScalarSelector.path("major"), "16")).isEqualTo("major: 16\n");
  }

  @Test
  void countsCharactersOutsideTheBasicPlaneCorrectly() {
    String yaml = "note: \"\uD83D\uDE80 fast\"\ntag: 1.0.0\n";

    assertThat(write(yaml, ScalarSelector.path("tag"), "1.0.1"))
        .isEqualTo(yaml.replace("1.0.0", "1.0.1"));
  }

  @Test
  void refusesABlockScalar() {
    assertThatThrownBy(() -> write("tag: |\n  1.0.0\n", ScalarSelector.path("tag"), "2"))
        .hasMessageContaining("is a block scalar");
  }

  @Test
  void editsTheTagMarkedForTheImagePolicy() {
    String yaml =
        """
        spec:
          values:
            image:
              repository: ghcr.io/acme/app # {"$imagepolicy": "flux-system:app:name"}
              tag: 1.4.0 # {"$imagepolicy": "flux-system:app:tag"}
            sidecar:
              tag: 1.4.0
        """;

    String edited = write(yaml, ScalarSelector.imagePolicy("flux-system:app"), "1.5.0");

    assertThat(edited).isEqualTo(yaml.replace("tag: 1.4.0 #", "tag: 1.5.0 #"));
  }

  @Test
  void editsOnlyTheTagOfAWholeImageMarker() {
    String yaml =
        "containers:\n- image: \"registry:5000/acme/app:1.4.0\" # {\"$imagepolicy\": \"ns:app\"}\n";

    String edited = write(yaml, ScalarSelector.imagePolicy("ns:app"), "1.5.0");

    assertThat(edited).isEqualTo(yaml.replace("app:1.4.0", "app:1.5.0"));
    assertThat(read(yaml, ScalarSelector.imagePolicy("ns:app"))).isEqualTo("1.4.0");
  }

  @Test
  void refusesADigestMarker() {
    String yaml =
        "tag: 1.4.0 # {\"$imagepolicy\": \"ns:app:tag\"}\ndigest: sha256:ab # {\"$imagepolicy\": \"ns:app:digest\"}\n";

    assertThatThrownBy(() -> write(yaml, ScalarSelector.imagePolicy("ns:app"), "1.5.0"))
        .hasMessageContaining("line 2 has a :digest marker");
  }

  @Test
  void saysWhenNoValueCarriesTheMarker() {
    assertThatThrownBy(() -> write(KUSTOMIZATION, ScalarSelector.imagePolicy("ns:app"), "1.5.0"))
        .hasMessageContaining("values.yaml: image policy 'ns:app': no value carries the marker");
  }

  @Test
  void refusesAFileThatIsNotUtf8() {
    byte[] latin1 = "tag: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> YamlFile.parse("values.yaml", latin1))
        .hasMessageContaining("values.yaml is not UTF-8");
  }

  private static String write(String yaml, ScalarSelector selector, String value) {
    YamlFile file = YamlFile.parse("values.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    return new String(file.write(selector, value).bytes(), StandardCharsets.UTF_8);
  }

  private static String read(String yaml, ScalarSelector selector) {
    return YamlFile.parse("values.yaml", yaml.getBytes(StandardCharsets.UTF_8)).read(selector);
  }
}
