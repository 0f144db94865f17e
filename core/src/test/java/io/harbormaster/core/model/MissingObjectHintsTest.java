package io.harbormaster.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What people are told to do when an object the app needs is gone. */
class MissingObjectHintsTest {
  @Test
  void aMissingFluxObjectIsTracedToTheSpecFieldThatNamesIt() {
    assertThat(FluxKind.KUSTOMIZATION.missingHint())
        .isEqualTo("check that spec.flux.kustomization names an existing Kustomization");
    assertThat(FluxKind.HELM_RELEASE.missingHint())
        .isEqualTo("check that spec.flux.helmRelease names an existing HelmRelease");
  }

  @Test
  void aMissingWorkloadSendsPeopleBackToDiscovery() {
    for (WorkloadKind kind : WorkloadKind.values()) {
      assertThat(kind.missingHint())
          .isEqualTo("it was deleted or renamed since discovery; discover the app again");
    }
  }
}
