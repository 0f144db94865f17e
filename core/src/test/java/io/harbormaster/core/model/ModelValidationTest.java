package io.harbormaster.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ModelValidationTest {
  private ImmutableGitLocation.Builder git() {
    return GitLocation.builder()
        .repository("https://git.example.com/fleet.git")
        .filePath("apps/db.yaml")
        .versionPath("spec.chart.spec.version");
  }

  @Test
  void badNamesAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> ObjectRef.of("Shop", "db"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("'Shop' is not a valid namespace");
    assertThatThrownBy(() -> ObjectRef.parse("spec.app", "just-a-name"))
        .hasMessage("spec.app: 'just-a-name' is not of the form <namespace>/<name>");
    assertThat(ObjectRef.parse("spec.app", "shop/db")).isEqualTo(ObjectRef.of("shop", "db"));
  }

  @Test
  void gitLocationRejectsPathsOutsideTheRepository() {
    assertThatThrownBy(() -> git().filePath("../etc/passwd").build())
        .isInstanceOf(InvalidSpecException.class)
        .satisfies(
            e -> assertThat(((InvalidSpecException) e).field()).isEqualTo("spec.git.filePath"));
    assertThat(git().build().branch()).isEqualTo("main");
    assertThat(git().build().imageTagPath("postgres")).isEqualTo("images[name=postgres].newTag");
  }

  @Test
  void fluxSourceNeedsTheKustomizationThatAppliesIt() {
    assertThatThrownBy(() -> FluxSource.builder().helmRelease(ObjectRef.of("db", "pg")).build())
        .hasMessageContaining("spec.flux.kustomization");
    FluxSource both =
        FluxSource.builder()
            .kustomization(ObjectRef.of("flux-system", "db"))
            .helmRelease(ObjectRef.of("db", "pg"))
            .build();
    assertThat(both.objects()).containsExactly(both.applier(), both.primary());
    assertThat(both.primary().kind()).isEqualTo(FluxKind.HELM_RELEASE);
  }

  @Test
  void targetVersionRejectsValuesThatCouldBreakTheYaml() {
    assertThatThrownBy(() -> TargetVersion.of("1.2.3\nkind: Secret"))
        .hasMessageContaining("spec.target.version")
        .hasMessageContaining("is not a valid version or tag");
    assertThatThrownBy(() -> TargetVersion.builder().build()).hasMessageContaining("spec.target");
    assertThatThrownBy(() -> TargetVersion.builder().putImageTag("postgres", "16 beta").build())
        .hasMessageContaining("spec.target.imageTags[postgres]");
  }

  @Test
  void snapshotPolicyRejectsAPvcBothIncludedAndExcluded() {
    assertThatThrownBy(() -> SnapshotPolicy.builder().addPvc("data").addExcludePvc("data").build())
        .hasMessageContaining("spec.snapshots.excludePVCs")
        .hasMessageContaining("data");
    assertThatThrownBy(() -> SnapshotPolicy.builder().volumeSnapshotClassName(" ").build())
        .hasMessageContaining("volumeSnapshotClassName");
  }

  @Test
  void healthCheckTimeoutMustBePositive() {
    assertThatThrownBy(
            () ->
                ManagedApp.builder()
                    .id(ObjectRef.of("shop", "db"))
                    .flux(
                        FluxSource.builder()
                            .kustomization(ObjectRef.of("flux-system", "db"))
                            .build())
                    .git(git().build())
                    .healthCheckTimeout(Duration.ZERO)
                    .build())
        .hasMessageContaining("spec.healthCheckTimeout");
  }
}
