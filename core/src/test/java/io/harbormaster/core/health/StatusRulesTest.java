package io.harbormaster.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.SourceKind;
import io.harbormaster.core.model.SourceRef;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules the health adapter reads Kubernetes and Flux statuses by: when a workload has rolled
 * out, what a HelmRelease does by itself when an upgrade fails, how a condition's status reads, and
 * which revisions name a git commit.
 */
class StatusRulesTest {
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @ParameterizedTest(name = "generation {0}, observed {1}, {2} wanted, {3} pods, {4} updated: {5}")
  @CsvSource(
      nullValues = "none",
      value = {
        "2, 2, 3, 3, 3, true",
        "2, 3, 3, 3, 3, true",
        "2, 2, 0, 0, 0, true",
        "2, none, 3, 3, 3, false",
        "2, 1, 3, 3, 3, false",
        "2, 2, 3, 3, 2, false",
        "2, 2, 3, 4, 3, false",
      })
  void aWorkloadHasRolledOutOnceItsControllerActedOnTheSpecAndOnlyNewPodsAreLeft(
      long generation, Long observed, int desired, int current, int updated, boolean rolledOut) {
    assertThat(WorkloadStatus.rolledOut(generation, observed, desired, current, updated))
        .isEqualTo(rolledOut);
  }

  @Test
  void aHelmReleaseRemediatesByItselfWithRetriesOrRemediateLastFailure() {
    assertThat(FluxStatus.upgradeRemediation(0, false, Optional.empty())).isEmpty();
    assertThat(FluxStatus.upgradeRemediation(0, false, Optional.of("uninstall"))).isEmpty();
    assertThat(FluxStatus.upgradeRemediation(3, false, Optional.empty()))
        .contains("spec.upgrade.remediation.retries: 3, strategy rollback");
    assertThat(FluxStatus.upgradeRemediation(-1, false, Optional.of("uninstall")))
        .contains("spec.upgrade.remediation.retries: -1, strategy uninstall");
    assertThat(FluxStatus.upgradeRemediation(0, true, Optional.empty()))
        .contains("spec.upgrade.remediation.remediateLastFailure: true, strategy rollback");
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "none",
      value = {"True, TRUE", "true, TRUE", "False, FALSE", "Unknown, UNKNOWN", "none, UNKNOWN"})
  void aConditionsStatusReadsAsTrueFalseOrUnknown(String status, ConditionStatus read) {
    assertThat(ConditionStatus.parse(status)).isEqualTo(read);
  }

  private static FluxStatus attempted(Optional<SourceKind> source) {
    FluxRef ref = FluxRef.kustomization(ObjectRef.of("flux-system", "shop"));
    return FluxStatus.builder()
        .ref(ref)
        .suspended(false)
        .source(source.map(kind -> SourceRef.of(kind, ObjectRef.of("flux-system", "fleet"))))
        .attemptedRevision("main@sha1:" + COMMIT)
        .build();
  }

  @Test
  void theLastAttemptedRevisionNamesACommitOnlyWhenItsSourceIsGit() {
    assertThat(attempted(Optional.of(SourceKind.GIT_REPOSITORY)).attemptedCommit())
        .contains(COMMIT);
    assertThat(attempted(Optional.empty()).attemptedCommit())
        .as("read as git when the source is not known")
        .contains(COMMIT);
    assertThat(attempted(Optional.of(SourceKind.BUCKET)).attemptedCommit()).isEmpty();
  }
}
