package io.harbormaster.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Flux APIs the adapters call, each spelled once here: Flux v2's group, version and names. */
class FluxApisTest {
  @Test
  void theAppsFluxObjectsAreKustomizeAndHelmControllersCurrentApis() {
    assertThat(FluxKind.KUSTOMIZATION.apiVersion()).isEqualTo("kustomize.toolkit.fluxcd.io/v1");
    assertThat(FluxKind.HELM_RELEASE.apiVersion()).isEqualTo("helm.toolkit.fluxcd.io/v2");
    assertThat(FluxKind.HELM_RELEASE.group()).isEqualTo("helm.toolkit.fluxcd.io");
    assertThat(FluxKind.HELM_RELEASE.version()).isEqualTo("v2");
  }

  @Test
  void sourcesAreSourceControllersV1ApiUnderTheirPluralNames() {
    for (SourceKind source : SourceKind.values()) {
      assertThat(source.apiVersion()).isEqualTo("source.toolkit.fluxcd.io/v1");
      assertThat(source.group()).isEqualTo("source.toolkit.fluxcd.io");
      assertThat(source.version()).isEqualTo("v1");
    }
    assertThat(SourceKind.GIT_REPOSITORY.plural()).isEqualTo("gitrepositories");
    assertThat(SourceKind.HELM_CHART.plural()).isEqualTo("helmcharts");
  }
}
