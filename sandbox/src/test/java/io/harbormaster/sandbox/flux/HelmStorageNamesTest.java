package io.harbormaster.sandbox.flux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HelmStorageNamesTest {
  @Test
  void aReleaseIsNamedAfterTheTargetNamespaceAndTheHelmReleaseUnlessTheSpecNamesIt() {
    assertThat(HelmStorageNames.releaseName("podinfo", Optional.empty(), Optional.empty()))
        .isEqualTo("podinfo");
    assertThat(HelmStorageNames.releaseName("podinfo", Optional.of("prod"), Optional.empty()))
        .isEqualTo("prod-podinfo");
    assertThat(HelmStorageNames.releaseName("podinfo", Optional.of("prod"), Optional.of("web")))
        .isEqualTo("web");
  }

  @Test
  void aNameOver53CharactersIsShortenedAsFluxDocumentsIt() {
    // helm-controller's documentation: "a-very-lengthy-target-namespace" + "-" +
    // "with-a-nice-object-name" hashes to 97af5d7f41f3; its example keeps more than the 40
    // characters it describes, so 40 it is.
    assertThat(
            HelmStorageNames.releaseName(
                "with-a-nice-object-name",
                Optional.of("a-very-lengthy-target-namespace"),
                Optional.empty()))
        .isEqualTo("a-very-lengthy-target-namespace-with-a-n-97af5d7f41f3")
        .hasSize(53);
    assertThat(HelmStorageNames.releaseName("a".repeat(53), Optional.empty(), Optional.empty()))
        .isEqualTo("a".repeat(53));
  }

  @Test
  void revisionsAreSecretsNamedAsHelmsSecretDriverNamesThem() {
    assertThat(HelmStorageNames.secretName("postgres", 3))
        .isEqualTo("sh.helm.release.v1.postgres.v3");
    assertThat(HelmStorageNames.isRevisionOf("postgres", "sh.helm.release.v1.postgres.v12"))
        .isTrue();
    assertThat(HelmStorageNames.isRevisionOf("postgres", "sh.helm.release.v1.postgres-backup.v1"))
        .isFalse();
    assertThat(HelmStorageNames.isRevisionOf("postgres", "sh.helm.release.v1.postgres.v0"))
        .isFalse();
  }
}
