package io.harbormaster.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ImageNameTest {
  @Test
  void aNameWithoutRegistryIsOnDockerHubUnderLibraryWhenItHasOneComponent() {
    assertThat(ImageName.parse("postgres"))
        .isEqualTo(new ImageName("registry-1.docker.io", "library/postgres"));
    assertThat(ImageName.parse("bitnami/postgresql"))
        .isEqualTo(new ImageName("registry-1.docker.io", "bitnami/postgresql"));
    assertThat(ImageName.parse("docker.io/postgres"))
        .isEqualTo(new ImageName("registry-1.docker.io", "library/postgres"));
  }

  @Test
  void aFirstComponentWithADotAColonOrLocalhostIsTheRegistry() {
    assertThat(ImageName.parse("ghcr.io/acme/api")).isEqualTo(new ImageName("ghcr.io", "acme/api"));
    assertThat(ImageName.parse("127.0.0.1:5000/web"))
        .isEqualTo(new ImageName("127.0.0.1:5000", "web"));
    assertThat(ImageName.parse("localhost/web")).isEqualTo(new ImageName("localhost", "web"));
    assertThat(ImageName.parse("acme_corp/web"))
        .isEqualTo(new ImageName("registry-1.docker.io", "acme_corp/web"));
  }

  @Test
  void plainHttpOnlyForThisMachinesOwnRegistriesOrWhenToldSo() {
    assertThat(ImageName.parse("127.0.0.1:5000/web").base(false))
        .isEqualTo(URI.create("http://127.0.0.1:5000"));
    assertThat(ImageName.parse("localhost:5000/web").base(false))
        .isEqualTo(URI.create("http://localhost:5000"));
    assertThat(ImageName.parse("[::1]:5000/web").base(false))
        .isEqualTo(URI.create("http://[::1]:5000"));
    assertThat(ImageName.parse("registry.internal:5000/web").base(false))
        .isEqualTo(URI.create("https://registry.internal:5000"));
    assertThat(ImageName.parse("registry.internal:5000/web").base(true))
        .isEqualTo(URI.create("http://registry.internal:5000"));
    assertThat(ImageName.parse("postgres").base(false))
        .isEqualTo(URI.create("https://registry-1.docker.io"));
  }

  @Test
  void aTagDigestOrCapitalsAreNoImageName() {
    for (String name : new String[] {"postgres:16", "web@sha256:abc", "Acme/web", "ghcr.io/", ""}) {
      assertThatThrownBy(() -> ImageName.parse(name))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aChartOfAnOciHelmRepositoryIsTheRepositoryBelowItsPath() {
    assertThat(ImageName.ofChart(URI.create("oci://ghcr.io/acme/charts/"), "postgres"))
        .isEqualTo(new ImageName("ghcr.io", "acme/charts/postgres"));
    assertThat(ImageName.ofChart(URI.create("oci://127.0.0.1:5000"), "postgres"))
        .isEqualTo(new ImageName("127.0.0.1:5000", "postgres"));
    assertThat(ImageName.ofChart(URI.create("oci://robot:pw@ghcr.io/acme"), "postgres"))
        .isEqualTo(new ImageName("ghcr.io", "acme/postgres"));
    assertThatThrownBy(() -> ImageName.ofChart(URI.create("https://ghcr.io/acme"), "postgres"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
