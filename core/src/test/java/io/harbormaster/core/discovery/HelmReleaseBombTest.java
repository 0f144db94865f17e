package io.harbormaster.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gzip bomb in a Helm release secret, read on the operator's heap: 128 MiB, the default for its
 * 512Mi pod. Surefire's JVM has more, so each reading runs {@link ReleaseDiscoveryMain} in a JVM of
 * its own with that heap.
 */
class HelmReleaseBombTest {
  private static final String OPERATOR_HEAP = "-Xmx128m";

  /**
   * One collector whatever the machine picks, so running the heap out takes seconds, not a minute
   * of thrashing.
   */
  private static final String COLLECTOR = "-XX:+UseG1GC";

  /**
   * The bomb that ran an operator out of memory: a manifest of 8 MiB of YAML, two bytes an item.
   */
  private static final long BOMB_ITEMS = 4L * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void theBombIsAboutElevenKilobytesInItsSecret() {
    String stored = Base64.getEncoder().encodeToString(HelmEncoding.listBomb("bomb", BOMB_ITEMS));

    // What Helm writes to the Secret's data.release: Helm's base64 of the gzip.
    assertThat(stored.length()).isBetween(10_000, 12_000);
  }

  @Test
  void onTheOperatorsHeapTheBombIsRefusedNamingTheSecretAndTheLimit() throws Exception {
    Child child = discover(HelmEncoding.twiceBase64(HelmEncoding.listBomb("bomb", BOMB_ITEMS)));

    assertThat(child.exit).as(child.toString()).isZero();
    assertThat(child.stdout)
        .isEqualTo(
            "data.release of Secret db/sh.helm.release.v1.bomb.v1: field 'manifest' is longer than 4194304 characters, the"
                + " most discovery reads of a Helm release; discovery reads the app's live workloads instead once the"
                + " HelmRelease has a status.inventory, which recent helm-controllers write");
  }

  @Test
  void withoutTheLimitsTheSameBombRunsTheOperatorsHeapOut() throws Exception {
    Child child =
        discover(
            HelmEncoding.twiceBase64(HelmEncoding.listBomb("bomb", BOMB_ITEMS)), "--unbounded");

    assertThat(child.exit).as(child.toString()).isEqualTo(2);
    assertThat(child.stdout).startsWith("OutOfMemoryError");
  }

  @Test
  void onTheOperatorsHeapABombWithinTheDecodersCapsIsRefusedByTheManifestReader() throws Exception {
    // 3 MB of YAML in one document: under the manifest cap and SnakeYAML's 3 Mi code points a
    // document, and 1.5 million tokens.
    Child child = discover(HelmEncoding.twiceBase64(HelmEncoding.listBomb("bomb", 1_500_000)));

    assertThat(child.exit).as(child.toString()).isZero();
    assertThat(child.stdout)
        .isEqualTo(
            "manifest of Helm release db/bomb v1 (bomb 1.0.0) has a document of more than 200000 YAML tokens (keys, values,"
                + " brackets), the most discovery reads of one object, far more than real objects have: it is refused");
  }

  private Child discover(String releaseData, String... options)
      throws IOException, InterruptedException {
    Path data =
        Files.writeString(
            dir.resolve("release-" + System.nanoTime()), releaseData, StandardCharsets.US_ASCII);
    Path out = dir.resolve("out-" + System.nanoTime());
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                OPERATOR_HEAP,
                COLLECTOR,
                "-cp",
                System.getProperty("java.class.path"),
                ReleaseDiscoveryMain.class.getName(),
                data.toString()));
    command.addAll(List.of(options));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(
          "the child JVM did not finish in 2 minutes: " + Files.readString(out));
    }
    return new Child(process.exitValue(), Files.readString(out).strip());
  }

  private record Child(int exit, String stdout) {}
}
