package io.harbormaster.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.port.TargetFinding.Verdict;
import io.harbormaster.registry.http.Lookup;
import io.harbormaster.registry.http.RegistryHttp;
import io.harbormaster.sandbox.registry.ContainerRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tag lookups against a real registry (Distribution 2.8) the tests push to. */
class OciDistributionTest {
  private static ContainerRegistry registry;

  private final OciDistribution oci = new OciDistribution(RegistryHttp.shared());

  @BeforeAll
  static void startRegistry() {
    registry = ContainerRegistry.start();
    registry.pushImage("apps/web", "1.2.0");
    registry.pushChart("charts", "postgres", "2.1.0+build.7");
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  @Test
  void aPushedTagIsAvailable() {
    Lookup lookup =
        oci.hasTag(ImageName.parse(registry.image("apps/web")), "1.2.0", false, Optional.empty());

    assertThat(lookup).as(registry.log()).isEqualTo(Lookup.found());
  }

  @Test
  void aTagNeverPushedIsMissing() {
    Lookup lookup =
        oci.hasTag(ImageName.parse(registry.image("apps/web")), "1.3.0", false, Optional.empty());

    assertThat(lookup)
        .isEqualTo(Lookup.absent(registry.hostPort() + "/apps/web has no tag '1.3.0'"));
  }

  @Test
  void aRepositoryNeverPushedIsMissing() {
    Lookup lookup =
        oci.hasTag(
            ImageName.parse(registry.image("apps/absent")), "1.0.0", false, Optional.empty());

    assertThat(lookup.verdict()).isEqualTo(Verdict.MISSING);
  }

  @Test
  void aChartPushedAsAnOciArtifactIsFoundUnderItsRepositoryPathWithPlusAsUnderscore() {
    ImageName chart = ImageName.ofChart(URI.create(registry.ociUrl("charts")), "postgres");

    assertThat(oci.hasTag(chart, "2.1.0_build.7", true, Optional.empty()))
        .isEqualTo(Lookup.found());
    assertThat(oci.hasTag(chart, "2.1.0", true, Optional.empty()).verdict())
        .isEqualTo(Verdict.MISSING);
  }

  @Test
  void aClosedPortIsUnchecked() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    Lookup lookup =
        oci.hasTag(
            ImageName.parse("127.0.0.1:" + port + "/apps/web"), "1.2.0", false, Optional.empty());

    assertThat(lookup).isEqualTo(Lookup.unknown("127.0.0.1:" + port + " refused the connection"));
  }
}
