package io.harbormaster.core.flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.FluxSource;
import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.core.model.ObjectRef;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParentKustomizationTest {
  private static final ObjectRef RELEASE = ObjectRef.of("db", "postgres");
  private static final FluxSource HELM_APP =
      FluxSource.builder()
          .kustomization(ObjectRef.of("flux-system", "apps"))
          .helmRelease(RELEASE)
          .build();

  private static Map<String, String> parentLabels(String namespace, String name) {
    return Map.of(
        ParentKustomization.NAME_LABEL, name, ParentKustomization.NAMESPACE_LABEL, namespace);
  }

  @Test
  void readsTheParentFromFluxLabels() {
    assertThat(ParentKustomization.of(RELEASE, parentLabels("flux-system", "apps")))
        .contains(ObjectRef.of("flux-system", "apps"));
    assertThat(ParentKustomization.of(RELEASE, Map.of(ParentKustomization.NAME_LABEL, "apps")))
        .contains(ObjectRef.of("db", "apps"));
    assertThat(ParentKustomization.of(RELEASE, Map.of("app", "postgres"))).isEmpty();
  }

  @Test
  void acceptsAHelmReleaseAppliedByTheNamedKustomization() {
    assertThatCode(
            () ->
                ParentKustomization.verify(
                    HELM_APP, HELM_APP.primary(), parentLabels("flux-system", "apps")))
        .doesNotThrowAnyException();
  }

  @Test
  void acceptsAHelmReleaseWithoutParent() {
    assertThatCode(() -> ParentKustomization.verify(HELM_APP, HELM_APP.primary(), Map.of()))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesAHelmReleaseAppliedByAnotherKustomizationAndNamesIt() {
    assertThatThrownBy(
            () ->
                ParentKustomization.verify(
                    HELM_APP, HELM_APP.primary(), parentLabels("flux-system", "databases")))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "spec.flux.kustomization: names flux-system/apps, but HelmRelease db/postgres is applied by"
                + " Kustomization flux-system/databases, which would undo its suspend: set"
                + " spec.flux.kustomization to flux-system/databases")
        .extracting(e -> ((InvalidSpecException) e).field())
        .isEqualTo("spec.flux.kustomization");
  }

  @Test
  void refusesAParentOfTheSameNameInAnotherNamespace() {
    assertThatThrownBy(
            () ->
                ParentKustomization.verify(
                    HELM_APP, HELM_APP.primary(), parentLabels("team-a", "apps")))
        .hasMessageContaining("set spec.flux.kustomization to team-a/apps");
  }

  @Test
  void letsTheAppsOwnKustomizationHaveAParent() {
    FluxRef applier = HELM_APP.applier();
    assertThatCode(
            () ->
                ParentKustomization.verify(
                    HELM_APP, applier, parentLabels("flux-system", "flux-system")))
        .doesNotThrowAnyException();
  }
}
