package io.harbormaster.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each field a user writes is refused, naming that field, when it cannot be what it says. */
class SpecFieldsTest {
  private ImmutableGitLocation.Builder git() {
    return GitLocation.builder()
        .repository("https://git.example.com/fleet.git")
        .filePath("apps/db.yaml")
        .versionPath("spec.chart.spec.version");
  }

  private static String fieldOf(Throwable refusal) {
    assertThat(refusal).isInstanceOf(InvalidSpecException.class);
    return ((InvalidSpecException) refusal).field();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/db", "shop/", "shop/db/extra", ""})
  void aReferenceThatIsNotNamespaceSlashNameIsRefusedNamingItsField(String written) {
    assertThatThrownBy(() -> ObjectRef.parse("spec.upgrade", written))
        .satisfies(refusal -> assertThat(fieldOf(refusal)).isEqualTo("spec.upgrade"))
        .hasMessage("spec.upgrade: '" + written + "' is not of the form <namespace>/<name>");
  }

  @Test
  void anObjectNameKubernetesWouldRefuseIsRefused() {
    assertThatThrownBy(() -> ObjectRef.of("shop", "Data_0"))
        .satisfies(refusal -> assertThat(fieldOf(refusal)).isEqualTo("name"))
        .hasMessageContaining("'Data_0' is not a valid object name");
    assertThat(ObjectRef.parse("spec.upgrade", "shop/data-0.v2"))
        .isEqualTo(ObjectRef.of("shop", "data-0.v2"));
  }

  @Test
  void aGitLocationNeedsARepositoryABranchAFileAndAVersionPath() {
    assertThatThrownBy(() -> git().repository(" ").build())
        .satisfies(refusal -> assertThat(fieldOf(refusal)).isEqualTo("spec.git.repository"));
    assertThatThrownBy(() -> git().branch("").build())
        .satisfies(refusal -> assertThat(fieldOf(refusal)).isEqualTo("spec.git.branch"));
    assertThatThrownBy(() -> git().filePath("/etc/fleet.yaml").build())
        .satisfies(refusal -> assertThat(fieldOf(refusal)).isEqualTo("spec.git.filePath"));
    assertThatThrownBy(() -> git().filePath(" ").build())
        .satisfies(refusal -> assertThat(fieldOf(refusal)).isEqualTo("spec.git.filePath"));
    assertThatThrownBy(() -> git().versionPath(" ").build())
        .satisfies(refusal -> assertThat(fieldOf(refusal)).isEqualTo("spec.git.versionPath"));
  }

  @Test
  void atLeastOneSnapshotIsKept() {
    assertThatThrownBy(() -> SnapshotRetention.builder().maxCount(0).build())
        .satisfies(
            refusal -> assertThat(fieldOf(refusal)).isEqualTo("spec.snapshots.retention.maxCount"))
        .hasMessage("spec.snapshots.retention.maxCount: 0 must be at least 1");
    assertThat(SnapshotRetention.builder().maxCount(1).build().maxCount()).isEqualTo(1);
  }

  @Test
  void aSnapshotsMaxAgeMustBePositive() {
    assertThatThrownBy(() -> SnapshotRetention.builder().maxAge(Duration.ZERO).build())
        .satisfies(
            refusal -> assertThat(fieldOf(refusal)).isEqualTo("spec.snapshots.retention.maxAge"));
    assertThatThrownBy(() -> SnapshotRetention.builder().maxAge(Duration.ofDays(-1)).build())
        .satisfies(
            refusal -> assertThat(fieldOf(refusal)).isEqualTo("spec.snapshots.retention.maxAge"));
    assertThat(SnapshotRetention.builder().maxAge(Duration.ofDays(7)).build().maxAge())
        .contains(Duration.ofDays(7));
  }

  @Test
  void onlyAGitRepositorysRevisionNamesACommitAndKindsAreReadExactly() {
    assertThat(SourceKind.GIT_REPOSITORY.revisionIsCommit()).isTrue();
    assertThat(SourceKind.OCI_REPOSITORY.revisionIsCommit()).isFalse();
    assertThat(SourceKind.BUCKET.revisionIsCommit()).isFalse();
    assertThat(SourceKind.of("GitRepository")).contains(SourceKind.GIT_REPOSITORY);
    assertThat(SourceKind.of("HelmChart")).contains(SourceKind.HELM_CHART);
    assertThat(SourceKind.of("gitrepository")).as("kinds are case-sensitive").isEmpty();
  }
}
