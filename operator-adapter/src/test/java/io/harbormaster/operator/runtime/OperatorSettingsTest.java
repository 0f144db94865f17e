package io.harbormaster.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {
  @Test
  void readsTheEnvironmentTheDeploymentSets() {
    OperatorSettings settings =
        OperatorSettings.fromEnvironment(
            Map.of(
                "HM_NAMESPACE",
                "ops",
                "HM_POD_NAME",
                "harbormaster-7f9c",
                "HM_HTTP_PORT",
                "9090",
                "HM_GIT_WORKDIR",
                "/git"));

    assertThat(settings.namespace()).isEqualTo("ops");
    assertThat(settings.identity()).isEqualTo("harbormaster-7f9c");
    assertThat(settings.httpPort()).isEqualTo(9090);
    assertThat(settings.git().workDirectory()).isEqualTo(Path.of("/git"));
  }

  @Test
  void watchesEveryNamespaceUnlessToldWhich() {
    assertThat(OperatorSettings.fromEnvironment(Map.of()).watchNamespaces()).isEmpty();
    assertThat(
            OperatorSettings.fromEnvironment(Map.of("HM_WATCH_NAMESPACES", "apps, flux-system,,"))
                .watchNamespaces())
        .containsExactlyInAnyOrder("apps", "flux-system");
    assertThatThrownBy(
            () ->
                OperatorSettings.fromEnvironment(Map.of("HM_WATCH_NAMESPACES", "apps,Flux_System")))
        .hasMessageStartingWith("HM_WATCH_NAMESPACES: 'Flux_System' is not a namespace name");
  }

  @Test
  void storagePoliciesPassEvery30sUnlessToldOtherwise() {
    assertThat(OperatorSettings.fromEnvironment(Map.of()).sizingInterval())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(
            OperatorSettings.fromEnvironment(Map.of("HM_SIZING_INTERVAL", "2m")).sizingInterval())
        .isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(
            () -> OperatorSettings.fromEnvironment(Map.of("HM_SIZING_INTERVAL", "often")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "HM_SIZING_INTERVAL: 'often' is not a duration: write it like 90s, 5m or 1h30m");
  }

  @Test
  void aBadPortNamesTheVariable() {
    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of("HM_HTTP_PORT", "eighty")))
        .hasMessage("HM_HTTP_PORT: 'eighty' is not a port number: set it to e.g. 8080");
  }
}
