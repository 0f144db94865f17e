package io.harbormaster.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.SourceKind;
import io.harbormaster.core.model.SourceRef;
import io.harbormaster.core.model.WorkloadRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthRuleTest {
  private final FluxRef kustomization = FluxRef.kustomization(ObjectRef.of("flux-system", "shop"));
  private final WorkloadRef db = WorkloadRef.statefulSet("shop", "postgres");

  private ImmutableFluxStatus.Builder ready() {
    return FluxStatus.builder()
        .ref(kustomization)
        .suspended(false)
        .ready(ConditionStatus.TRUE)
        .generation(3)
        .observedGeneration(3);
  }

  @Test
  void healthyWhenFluxIsReadyAndEveryWorkloadHasItsReplicas() {
    HealthReport report =
        HealthRule.evaluate(
            List.of(ready().build()),
            List.of(
                WorkloadStatus.of(db, 3, 3),
                WorkloadStatus.of(WorkloadRef.deployment("shop", "idle"), 0, 0)));

    assertThat(report.healthy()).isTrue();
    assertThat(report.summary()).isEqualTo("healthy");
  }

  @Test
  void namesTheWorkloadShortOfReadyReplicas() {
    HealthReport report =
        HealthRule.evaluate(List.of(ready().build()), List.of(WorkloadStatus.of(db, 3, 2)));

    assertThat(report.problems())
        .containsExactly("StatefulSet shop/postgres has 2/3 replicas ready");
  }

  @Test
  void readyReplicasOfAVersionNotYetRolledOutDoNotCount() {
    WorkloadStatus stale =
        WorkloadStatus.builder()
            .ref(db)
            .desiredReplicas(3)
            .readyReplicas(3)
            .rolledOut(false)
            .build();

    HealthReport report = HealthRule.evaluate(List.of(ready().build()), List.of(stale));

    assertThat(report.healthy()).isFalse();
    assertThat(report.summary())
        .contains("has 3/3 replicas ready, its new version not yet rolled out");
  }

  @Test
  void fluxNotReadyGivesReasonAndMessage() {
    FluxStatus failing =
        ready()
            .ready(ConditionStatus.FALSE)
            .readyReason("HealthCheckFailed")
            .readyMessage("timeout waiting for postgres")
            .build();

    assertThat(HealthRule.evaluate(List.of(failing), List.of()).summary())
        .isEqualTo(
            "Kustomization flux-system/shop is not ready: Ready=False (HealthCheckFailed): timeout waiting for postgres");
  }

  @Test
  void aReadyConditionForAnOlderGenerationDoesNotCount() {
    FluxStatus stale = ready().generation(4).observedGeneration(3).build();

    HealthReport report = HealthRule.evaluate(List.of(stale), List.of());

    assertThat(report.healthy()).isFalse();
    assertThat(report.summary()).contains("generation 4 not yet observed");
  }

  @Test
  void readsTheCommitFromEveryRevisionFormFluxWrites() {
    String id = "0123456789abcdef0123456789abcdef01234567";
    assertThat(ready().appliedRevision("main@sha1:" + id).build().appliedCommit()).contains(id);
    assertThat(ready().appliedRevision("main/" + id).build().appliedCommit()).contains(id);
    String sha256 = "f".repeat(64);
    assertThat(ready().appliedRevision("main@sha256:" + sha256).build().appliedCommit())
        .as("a SHA-256 git repository")
        .contains(sha256);
    assertThat(ready().build().appliedCommit()).isEmpty();
  }

  @Test
  void aHelmReleaseIsReadyForItsSpecOnlyOnceReleasedAtTheChartVersionItAsksFor() {
    FluxStatus stillTheOldRelease =
        ready().wantedChart("postgres@1.1.0").lastRelease("postgres@1.0.0").build();

    assertThat(stillTheOldRelease.readyNow()).isFalse();
    assertThat(stillTheOldRelease.describeReady())
        .endsWith("[last release postgres@1.0.0, the spec asks for postgres@1.1.0]");
    assertThat(
            ready().wantedChart("postgres@1.1.0").lastRelease("postgres@1.1.0").build().readyNow())
        .isTrue();
    assertThat(ready().lastRelease("postgres@1.0.0").build().readyNow())
        .as("a range in the spec: Ready decides")
        .isTrue();
  }

  @Test
  void aHelmReleaseIsReadyOnlyOnceReleasedWithTheValuesItsLastAttemptComputed() {
    // A valuesFrom ConfigMap changed: helm-controller computed new values; the newest release has
    // the old.
    FluxStatus oldValues =
        ready()
            .attemptedConfigDigest("sha256:" + "b".repeat(64))
            .lastReleaseConfigDigest("sha256:" + "a".repeat(64))
            .build();

    assertThat(oldValues.readyNow()).isFalse();
    assertThat(oldValues.describeReady())
        .contains("[last attempt with values sha256:bbbb")
        .contains("last release with sha256:aaaa");
    assertThat(
            ready()
                .attemptedConfigDigest("sha256:" + "a".repeat(64))
                .lastReleaseConfigDigest("sha256:" + "a".repeat(64))
                .build()
                .readyNow())
        .isTrue();
  }

  @Test
  void aHelmReleaseWhoseLastAttemptWasForAnOlderSpecIsNotReadyNow() {
    FluxStatus attemptedOlder =
        ready().generation(5).observedGeneration(5).attemptedGeneration(4L).build();

    assertThat(attemptedOlder.readyNow()).isFalse();
    assertThat(attemptedOlder.describeReady()).contains("[last attempt for generation 4");
    assertThat(
            ready().generation(5).observedGeneration(5).attemptedGeneration(5L).build().readyNow())
        .isTrue();
  }

  @Test
  void aReconcileThatFailedAndWaitsToRetryIsNoWorkInFlight() {
    assertThat(ready().reconciling("Progressing: Running health checks").build().inFlight())
        .contains("Progressing: Running health checks");
    assertThat(ready().reconciling("ProgressingWithRetry: health check failed").build().inFlight())
        .isEmpty();
  }

  @Test
  void aHelmReleaseThatEndedItsPassOnAMissingPrerequisiteHasNoWorkInFlight() {
    String prerequisites = "Progressing: Fulfilling prerequisites";

    assertThat(
            ready()
                .ready(ConditionStatus.FALSE)
                .readyReason("SourceNotReady")
                .reconciling(prerequisites)
                .build()
                .inFlight())
        .isEmpty();
    assertThat(ready().reconciling(prerequisites).build().inFlight())
        .as("not yet told Ready=False: the pass may still go on to act")
        .contains(prerequisites);
  }

  @Test
  void fromAnOciArtifactOnlyItsOriginRevisionNamesACommit() {
    String id = "0123456789abcdef0123456789abcdef01234567";
    SourceRef oci = SourceRef.of(SourceKind.OCI_REPOSITORY, ObjectRef.of("flux-system", "fleet"));
    String digest = "latest@sha256:" + "f".repeat(64);

    assertThat(ready().source(oci).appliedRevision(digest).build().appliedCommit())
        .as("a digest is no commit")
        .isEmpty();
    assertThat(
            ready()
                .source(oci)
                .appliedRevision(digest)
                .appliedOriginRevision("main@sha1:" + id)
                .build()
                .appliedCommit())
        .contains(id);
  }
}
