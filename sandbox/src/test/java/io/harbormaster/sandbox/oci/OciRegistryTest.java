package io.harbormaster.sandbox.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OciRegistryTest {
  private static final String URL = OciRegistry.url("fleet/web");
  private final OciRegistry registry = new OciRegistry();

  @Test
  void aPulledTagGivesBackTheFilesAndAnnotationsPushedUnderTheManifestsDigest() {
    String digest =
        registry.push(
            URL,
            "latest",
            Map.of("kustomization.yaml", "resources: []\n", "deep/web.yaml", "kind: Deployment\n"),
            Map.of(OciRegistry.REVISION_ANNOTATION, "main@sha1:abc"));

    OciArtifact pulled = registry.pull(URL, "latest").orElseThrow();

    assertThat(pulled.digest()).isEqualTo(digest).matches("sha256:[0-9a-f]{64}");
    assertThat(pulled.files())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("kustomization.yaml", "resources: []\n", "deep/web.yaml", "kind: Deployment\n"));
    assertThat(pulled.annotations())
        .containsEntry(OciRegistry.REVISION_ANNOTATION, "main@sha1:abc");
    assertThat(registry.pull(URL, "other")).isEmpty();
    assertThat(registry.pull(OciRegistry.url("fleet/db"), "latest")).isEmpty();
  }

  @Test
  void theDigestFollowsTheContentAndTheAnnotationsAndNothingElse() {
    Map<String, String> files = Map.of("web.yaml", "kind: Deployment\n");
    Map<String, String> annotations = Map.of(OciRegistry.REVISION_ANNOTATION, "main@sha1:abc");

    String first = registry.push(URL, "latest", files, annotations);

    assertThat(registry.push(URL, "v1", files, annotations)).isEqualTo(first);
    assertThat(registry.push(URL, "latest", Map.of("web.yaml", "kind: Service\n"), annotations))
        .isNotEqualTo(first);
    assertThat(
            registry.push(
                URL, "latest", files, Map.of(OciRegistry.REVISION_ANNOTATION, "main@sha1:def")))
        .isNotEqualTo(first);
  }

  @Test
  void aDigestIsTheSha256OfTheBytes() {
    assertThat(OciRegistry.digest(new byte[0]))
        .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }
}
