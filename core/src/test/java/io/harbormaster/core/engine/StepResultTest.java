package io.harbormaster.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.operation.Action;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.operation.VersionEdits;
import io.harbormaster.core.port.RevertRequest;
import io.harbormaster.core.simulation.SampleApp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepResultTest {
  private final ManagedApp app = SampleApp.app();
  private final OperationState before =
      OperationState.builder()
          .id(OperationId.upgrade(ObjectRef.of("shop", "up")))
          .app(app.id())
          .phase(Phase.GIT_COMMIT)
          .phaseStartedAt(Instant.parse("2026-01-01T00:00:00Z"))
          .build();

  @Test
  void aNewPhaseStepsAgainAtOnce() {
    StepResult moved =
        new StepResult(before.with(b -> b.phase(Phase.RECONCILE)), List.of(), Optional.empty());

    assertThat(moved.stepAgainNow(before)).isTrue();
  }

  @Test
  void aNotedRetryWaitsForAWatchOrTheDeadline() {
    StepResult retry =
        new StepResult(
            before.with(b -> b.attempts(3).lastError("timeout")), List.of(), Optional.empty());

    assertThat(retry.stepAgainNow(before)).isFalse();
  }

  @Test
  void aScaleIsReportedByWatchesButAGitPushIsNot() {
    Action scale = new Action.Scale(SampleApp.DATABASE, 0);
    Action commit =
        new Action.CommitVersion(VersionEdits.of(app, before.id(), TargetVersion.of("15.2.0")));

    assertThat(new StepResult(before, List.of(scale), Optional.empty()).stepAgainNow(before))
        .isFalse();
    assertThat(new StepResult(before, List.of(commit), Optional.empty()).stepAgainNow(before))
        .isTrue();
  }

  @Test
  void aRevertPushIsNotReportedByWatchesEither() {
    Action revert =
        new Action.RevertCommit(
            RevertRequest.builder()
                .location(app.git())
                .app(app.id().name())
                .operation(before.id())
                .commitId("a".repeat(40))
                .build());

    assertThat(new StepResult(before, List.of(revert), Optional.empty()).stepAgainNow(before))
        .isTrue();
  }
}
