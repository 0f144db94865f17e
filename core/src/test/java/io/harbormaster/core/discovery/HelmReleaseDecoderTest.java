package io.harbormaster.core.discovery;

import static io.harbormaster.core.discovery.HelmEncoding.gzip;
import static io.harbormaster.core.discovery.HelmEncoding.releaseData;
import static io.harbormaster.core.discovery.HelmEncoding.releaseJson;
import static io.harbormaster.core.discovery.HelmEncoding.twiceBase64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.model.ObjectRef;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HelmReleaseDecoderTest {
  private static final ObjectRef SECRET = ObjectRef.of("db", "sh.helm.release.v1.postgres.v3");
  private static final String MANIFEST =
      "---\n# Source: postgresql/templates/svc.yaml\napiVersion: v1\nkind: Service\n";

  private final HelmReleaseDecoder decoder = new HelmReleaseDecoder();

  @Test
  void decodesEveryFieldOfARelease() {
    HelmRelease release = decoder.decode(SECRET, releaseData(releaseJson(MANIFEST)));

    assertThat(release)
        .isEqualTo(
            HelmRelease.builder()
                .name("postgres")
                .namespace("db")
                .version(3)
                .status("deployed")
                .chartName("postgresql")
                .chartVersion("15.2.0")
                .appVersion("16.2.0")
                .manifest(MANIFEST)
                .build());
  }

  @Test
  void decodesAReleaseEncodedAsHelmStoresItWithoutOurCode() throws java.io.IOException {
    // Written by hand and encoded with gzip and base64 in the shell: see
    // src/test/resources/helm/README.md.
    String data;
    try (var in =
        HelmReleaseDecoderTest.class.getResourceAsStream(
            "/helm/sh.helm.release.v1.postgres.v3.data")) {
      data = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
    }

    HelmRelease release = decoder.decode(SECRET, data);

    assertThat(release.name()).isEqualTo("postgres");
    assertThat(release.namespace()).isEqualTo("db");
    assertThat(release.version()).isEqualTo(3);
    assertThat(release.status()).isEqualTo("deployed");
    assertThat(release.chartName()).isEqualTo("postgresql");
    assertThat(release.chartVersion()).isEqualTo("15.2.0");
    assertThat(release.appVersion()).contains("16.2.0");
    assertThat(release.manifest())
        .startsWith(
            "---\n# Source: postgresql/templates/primary/statefulset.yaml\napiVersion: apps/v1\nkind: StatefulSet");
  }

  @Test
  void acceptsAReleaseWithoutAppVersionOrManifest() {
    String json =
        "{\"name\":\"empty\",\"namespace\":\"db\",\"version\":1,\"info\":{\"status\":\"failed\"},"
            + "\"chart\":{\"metadata\":{\"name\":\"nothing\",\"version\":\"0.1.0\"}}}";

    HelmRelease release = decoder.decode(releaseData(json));

    assertThat(release.appVersion()).isEmpty();
    assertThat(release.manifest()).isEmpty();
    assertThat(release.status()).isEqualTo("failed");
  }

  @Test
  void decodesAManifestOfTheMostCharactersItReads() {
    String manifest = "#".repeat(HelmReleaseDecoder.DEFAULT_MAX_MANIFEST_CHARS);

    assertThat(decoder.decode(releaseData(releaseJson(manifest))).manifest())
        .hasSize(4 * 1024 * 1024);
  }

  @Test
  void aLongerManifestIsRefusedNamingTheSecretTheFieldAndTheLimit() {
    String manifest = "#".repeat(HelmReleaseDecoder.DEFAULT_MAX_MANIFEST_CHARS + 1);

    assertThatThrownBy(() -> decoder.decode(SECRET, releaseData(releaseJson(manifest))))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageStartingWith(
            "data.release of Secret db/sh.helm.release.v1.postgres.v3: field 'manifest' is longer than 4194304 characters")
        .hasMessageContaining("status.inventory");
  }

  @Test
  void fieldsDiscoveryDoesNotUseAreSkippedWithoutBeingHeld() {
    // Longer than any string the decoder keeps: reading it as a string would be refused.
    String template = "A".repeat(2 * HelmReleaseDecoder.DEFAULT_MAX_MANIFEST_CHARS);
    String json =
        releaseJson(MANIFEST)
            .replace(
                "\"appVersion\":\"16.2.0\"}",
                "\"appVersion\":\"16.2.0\"},\"templates\":[{\"name\":\"templates/sts.yaml\",\"data\":\""
                    + template
                    + "\"}]");

    HelmRelease release = decoder.decode(SECRET, releaseData(json));

    assertThat(release.manifest()).isEqualTo(MANIFEST);
    assertThat(release.chartVersion()).isEqualTo("15.2.0");
  }

  @Test
  void fieldsOfTheSameNameElsewhereAreNotTheRelease() {
    String json =
        releaseJson(MANIFEST)
            .replace(
                "\"config\":",
                "\"hooks\":[{\"name\":\"migrate\",\"manifest\":\"kind: Job\"}],\"info2\":{\"status\":\"failed\"},"
                    + "\"metadata\":{\"name\":\"other\"},\"config\":");

    HelmRelease release = decoder.decode(SECRET, releaseData(json));

    assertThat(release.manifest()).isEqualTo(MANIFEST);
    assertThat(release.name()).isEqualTo("postgres");
    assertThat(release.status()).isEqualTo("deployed");
    assertThat(release.chartName()).isEqualTo("postgresql");
  }

  @Test
  void outerLayerThatIsNotBase64IsNamed() {
    assertThatThrownBy(() -> decoder.decode(SECRET, "not*base64!"))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining("Secret db/sh.helm.release.v1.postgres.v3")
        .hasMessageContaining("not valid base64 at the API's base64 encoding");
  }

  @Test
  void innerLayerThatIsNotBase64IsNamed() {
    String once =
        Base64.getEncoder()
            .encodeToString(gzip(releaseJson(MANIFEST).getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() -> decoder.decode(SECRET, once))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining("Secret db/sh.helm.release.v1.postgres.v3")
        .hasMessageContaining("not valid base64 at Helm's base64 encoding")
        .hasMessageContaining("decoded once already");
  }

  @Test
  void plainJsonInsideBase64IsNotGzip() {
    String data = twiceBase64(releaseJson(MANIFEST).getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> decoder.decode(SECRET, data))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining("Secret db/sh.helm.release.v1.postgres.v3 is not gzip-compressed");
  }

  @Test
  void truncatedGzipIsNamed() {
    byte[] gzip = gzip(releaseJson(MANIFEST).getBytes(StandardCharsets.UTF_8));
    byte[] cut = Arrays.copyOf(gzip, gzip.length - 12);

    assertThatThrownBy(() -> decoder.decode(SECRET, twiceBase64(cut)))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining("Secret db/sh.helm.release.v1.postgres.v3 is truncated");
  }

  @Test
  void gzipMissingOnlyItsTrailerIsTruncatedToo() {
    byte[] gzip = gzip(releaseJson(MANIFEST).getBytes(StandardCharsets.UTF_8));
    byte[] noTrailer = Arrays.copyOf(gzip, gzip.length - 8);

    assertThatThrownBy(() -> decoder.decode(SECRET, twiceBase64(noTrailer)))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void corruptDeflateDataIsNamed() {
    byte[] gzip = gzip(releaseJson(MANIFEST).getBytes(StandardCharsets.UTF_8));
    for (int i = 10; i < gzip.length - 8; i++) {
      gzip[i] = (byte) 0xff;
    }

    assertThatThrownBy(() -> decoder.decode(SECRET, twiceBase64(gzip)))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining("Secret db/sh.helm.release.v1.postgres.v3 is corrupt gzip");
  }

  @Test
  void gzipBombStopsAtTheCap() {
    // 256 MiB compress to about 250 KiB: the cap must stop inflating long before the end.
    byte[] bomb = HelmEncoding.gzipBomb(256L * 1024 * 1024);
    HelmReleaseDecoder capped = new HelmReleaseDecoder(1024 * 1024);

    assertThatThrownBy(() -> capped.decode(SECRET, twiceBase64(bomb)))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining("Secret db/sh.helm.release.v1.postgres.v3")
        .hasMessageContaining("more than 1048576 bytes");
  }

  @Test
  void gzipBombOutsideTheManifestStopsAtTheDefaultCap() {
    // Helm's chart files are skipped unread, so only the inflating cap stops a bomb there.
    byte[] bomb =
        HelmEncoding.gzipBomb("{\"chart\":{\"files\":[{\"data\":\"", "a", 256L * 1024 * 1024, "");

    assertThatThrownBy(() -> decoder.decode(SECRET, twiceBase64(bomb)))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageStartingWith(
            "data.release of Secret db/sh.helm.release.v1.postgres.v3 inflates to more than 16777216 bytes, the most discovery"
                + " reads of a Helm release: it is refused as a possible gzip bomb")
        .hasMessageContaining("status.inventory");
  }

  @Test
  void releaseJustOverTheCapIsRefused() {
    String json = releaseJson(MANIFEST);
    HelmReleaseDecoder capped = new HelmReleaseDecoder(json.length() - 1);

    assertThatThrownBy(() -> capped.decode(releaseData(json)))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining(
            "Helm release data inflates to more than " + (json.length() - 1) + " bytes");
    assertThat(new HelmReleaseDecoder(json.length()).decode(releaseData(json)).name())
        .isEqualTo("postgres");
  }

  @Test
  void gzippedTextThatIsNotJsonIsNamed() {
    assertThatThrownBy(() -> decoder.decode(SECRET, releaseData("apiVersion: v1\nkind: Secret\n")))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining(
            "Secret db/sh.helm.release.v1.postgres.v3 is not a JSON Helm release");
  }

  @Test
  void jsonThatIsNotAnObjectIsNamed() {
    assertThatThrownBy(() -> decoder.decode(SECRET, releaseData("[1,2,3]")))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining("is not a JSON object");
  }

  @Test
  void missingFieldIsNamedByItsPath() {
    String json = releaseJson(MANIFEST).replace("\"version\":\"15.2.0\",", "");

    assertThatThrownBy(() -> decoder.decode(SECRET, releaseData(json)))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining("Secret db/sh.helm.release.v1.postgres.v3")
        .hasMessageContaining("field 'chart.metadata.version' is missing");
  }

  @Test
  void revisionThatIsNotANumberIsNamed() {
    String json = releaseJson(MANIFEST).replace("\"version\":3", "\"version\":\"three\"");

    assertThatThrownBy(() -> decoder.decode(releaseData(json)))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining("field 'version'");
  }

  @Test
  void emptyDataIsNamed() {
    assertThatThrownBy(() -> decoder.decode(SECRET, ""))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining("Secret db/sh.helm.release.v1.postgres.v3 is empty");
  }

  @Test
  void revisionThatIsNotAnIntIsNamed() {
    String json = releaseJson(MANIFEST).replace("\"version\":3", "\"version\":30000000000");

    assertThatThrownBy(() -> decoder.decode(releaseData(json)))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining("field 'version' is missing or not a positive revision number");
  }

  @Test
  void capsMustBePositive() {
    assertThatThrownBy(() -> new HelmReleaseDecoder(0))
        .hasMessageContaining("maxDecompressedBytes");
    assertThatThrownBy(() -> new HelmReleaseDecoder(1024, 0))
        .hasMessageContaining("maxManifestChars");
  }

  @Test
  void anEmptyFieldIsAMissingOne() {
    String json = releaseJson(MANIFEST).replace("\"version\":\"15.2.0\"", "\"version\":\"\"");
    String noAppVersion = releaseJson(MANIFEST).replace("\"16.2.0\"", "\"\"");

    assertThatThrownBy(() -> decoder.decode(SECRET, releaseData(json)))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining("field 'chart.metadata.version' is missing or empty");
    assertThat(decoder.decode(SECRET, releaseData(noAppVersion)).appVersion()).isEmpty();
  }
}
