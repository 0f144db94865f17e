package io.harbormaster.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.api.crd.OperationStatus.PhaseRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestProgressTest {
  private final StringWriter out = new StringWriter();
  private final RequestProgress progress = new RequestProgress(new PrintWriter(out));

  @Test
  void printsEachEndedPhaseOnceAndThePhaseUnderWayWhenItChanges() {
    PhaseRecord pending =
        new PhaseRecord(
            "Pending", "2026-11-25T10:00:00Z", "2026-11-25T10:00:00.400Z", "found 1 workload");
    PhaseRecord suspend =
        new PhaseRecord(
            "Suspend",
            "2026-11-25T10:00:00.400Z",
            "2026-11-25T10:00:02.100Z",
            "suspended flux-system/web");

    progress.update(status("Suspend", List.of(pending)));
    progress.update(status("Suspend", List.of(pending)));
    progress.update(status("ScaleDown", List.of(pending, suspend)));

    assertThat(out.toString().lines().toList())
        .containsExactly(
            "  Pending           400ms  found 1 workload",
            "  Suspend             ...  under way",
            "  Suspend            1.7s  suspended flux-system/web",
            "  ScaleDown           ...  under way");
  }

  @Test
  void saysWhatThePhaseWaitsForAsSoonAsItIsKnownAndAgainWhenItChanges() {
    String artifactFailed =
        "HelmRelease db/postgres Ready=False (ArtifactFailed): chart 'postgres' has no version"
            + " '2.1.0'";

    progress.update(waiting("Reconcile", null));
    progress.update(waiting("Reconcile", artifactFailed));
    progress.update(waiting("Reconcile", artifactFailed));
    progress.update(waiting("Reconcile", "Kustomization flux-system/db to apply commit 5e1f"));
    progress.update(waiting("HealthCheck", "Kustomization flux-system/db to apply commit 5e1f"));

    assertThat(out.toString().lines().toList())
        .containsExactly(
            "  Reconcile           ...  under way",
            "                           waiting for: " + artifactFailed,
            "                           waiting for: Kustomization flux-system/db to apply commit"
                + " 5e1f",
            "  HealthCheck         ...  under way",
            "                           waiting for: Kustomization flux-system/db to apply commit"
                + " 5e1f");
  }

  @Test
  void theSummaryEndsWithTheFinalLineAndATableOfEveryPhase() {
    PhaseRecord pending =
        new PhaseRecord(
            "Pending", "2026-11-25T10:00:00Z", "2026-11-25T10:02:05Z", "found 1 workload");

    progress.summarize(
        new OperationStatus(
            "Completed",
            null,
            null,
            "upgraded to 1.1.0",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(pending),
            null));

    assertThat(out.toString())
        .contains("  Pending           2m05s  found 1 workload")
        .contains("  Completed                upgraded to 1.1.0")
        .contains("  PHASE          DURATION  WHAT WAS DONE")
        .contains("  Pending        2m05s     found 1 workload")
        .doesNotContain("under way");
  }

  @Test
  void aRequestRefusedBeforeItStartedIsFinishedAndABlockedOneSaysWhyOnce() {
    Condition failed =
        new ConditionBuilder()
            .withType("Failed")
            .withStatus("True")
            .withReason("InvalidSpec")
            .withMessage("spec.target.version: 'x!' is not a version")
            .build();
    Condition blocked =
        new ConditionBuilder()
            .withType("Blocked")
            .withStatus("True")
            .withReason("Blocked")
            .withMessage("waits for apps/first, which is running")
            .build();

    progress.update(OperationStatus.notStarted(List.of(blocked), null, 1L));
    progress.update(OperationStatus.notStarted(List.of(blocked), null, 1L));

    assertThat(
            RequestProgress.finished(
                OperationStatus.notStarted(
                    List.of(failed), "spec.target.version: 'x!' is not a version", 1L)))
        .isTrue();
    assertThat(RequestProgress.finished(OperationStatus.notStarted(List.of(blocked), null, 1L)))
        .isFalse();
    assertThat(out.toString().lines().toList())
        .containsExactly("  Blocked                  waits for apps/first, which is running");
  }

  @Test
  void formatsDurationsFromMillisecondsToMinutes() {
    assertThat(RequestProgress.format(Duration.ofMillis(850))).isEqualTo("850ms");
    assertThat(RequestProgress.format(Duration.ofMillis(12_345))).isEqualTo("12.3s");
    assertThat(RequestProgress.format(Duration.ofSeconds(61))).isEqualTo("1m01s");
  }

  private static OperationStatus waiting(String phase, String waitingFor) {
    return new OperationStatus(
        phase,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        waitingFor,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        null);
  }

  private static OperationStatus status(String phase, List<PhaseRecord> history) {
    return new OperationStatus(
        phase, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, history, null);
  }
}
