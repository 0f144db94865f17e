package io.harbormaster.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HelmReleaseNamesTest {
  @Test
  void defaultsToTheHelmReleaseName() {
    assertThat(HelmReleaseNames.releaseName("podinfo", Optional.empty(), Optional.empty()))
        .isEqualTo("podinfo");
  }

  @Test
  void prefixesTheTargetNamespace() {
    assertThat(HelmReleaseNames.releaseName("podinfo", Optional.of("prod"), Optional.empty()))
        .isEqualTo("prod-podinfo");
  }

  @Test
  void explicitReleaseNameWins() {
    assertThat(HelmReleaseNames.releaseName("podinfo", Optional.of("prod"), Optional.of("web")))
        .isEqualTo("web");
  }

  @Test
  void shortensFluxsDocumentedExampleToItsDocumentedHash() {
    // helm-controller's documentation: this composition hashes to 97af5d7f41f3 (its printed example
    // keeps 42 characters where the text says 40; 40 keeps the name within Helm's 53).
    assertThat(
            HelmReleaseNames.releaseName(
                "with-a-nice-object-name",
                Optional.of("a-very-lengthy-target-namespace"),
                Optional.empty()))
        .isEqualTo("a-very-lengthy-target-namespace-with-a-n-97af5d7f41f3");
  }

  @Test
  void nameOfFiftyThreeCharactersIsKept() {
    String name = "a".repeat(53);

    assertThat(HelmReleaseNames.releaseName(name, Optional.empty(), Optional.empty()))
        .isEqualTo(name);
  }

  @Test
  void longerNameIsShortenedWithAHashOfTheFullName() throws NoSuchAlgorithmException {
    String helmRelease = "a-very-long-helm-release-name-that-goes-on-and-on";
    String full = "some-long-target-namespace-" + helmRelease;
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(full.getBytes(StandardCharsets.UTF_8));

    String shortened =
        HelmReleaseNames.releaseName(
            helmRelease, Optional.of("some-long-target-namespace"), Optional.empty());

    assertThat(shortened)
        .hasSize(53)
        .isEqualTo(full.substring(0, 40) + "-" + HexFormat.of().formatHex(digest).substring(0, 12));
  }

  @Test
  void storageNamespaceDefaultsToTheHelmReleaseNamespace() {
    assertThat(HelmReleaseNames.storageNamespace("apps", Optional.empty())).isEqualTo("apps");
    assertThat(HelmReleaseNames.storageNamespace("apps", Optional.of("helm-storage")))
        .isEqualTo("helm-storage");
  }

  @Test
  void secretNameAndRevision() {
    assertThat(HelmReleaseNames.secretName("prod-podinfo", 12))
        .isEqualTo("sh.helm.release.v1.prod-podinfo.v12");
    assertThat(HelmReleaseNames.revisionOf("prod-podinfo", "sh.helm.release.v1.prod-podinfo.v12"))
        .contains(12);
    assertThat(HelmReleaseNames.revisionOf("prod", "sh.helm.release.v1.prod-podinfo.v12"))
        .isEmpty();
    assertThat(HelmReleaseNames.revisionOf("prod-podinfo", "sh.helm.release.v1.prod-podinfo.vx"))
        .isEmpty();
  }

  @Test
  void anEmptyFieldCountsAsUnsetAsHelmControllerReadsIt() {
    assertThat(HelmReleaseNames.releaseName("postgres", Optional.of(""), Optional.of("")))
        .isEqualTo("postgres");
    assertThat(HelmReleaseNames.releaseName("postgres", Optional.of("db"), Optional.of("")))
        .isEqualTo("db-postgres");
    assertThat(HelmReleaseNames.storageNamespace("shop", Optional.of(""))).isEqualTo("shop");
  }
}
