package io.harbormaster.core.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.health.FluxStatus;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.model.RollbackRequest;
import io.harbormaster.core.model.SourceKind;
import io.harbormaster.core.model.SourceRef;
import io.harbormaster.core.port.RestoreStatus;
import io.harbormaster.core.simulation.SampleApp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollbackMachineTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private final ManagedApp app = SampleApp.app();
  private final RollbackRequest request =
      RollbackRequest.builder()
          .id(ObjectRef.of("shop", "undo"))
          .upgrade(ObjectRef.of("shop", "up"))
          .build();
  private final RollbackMachine machine = new RollbackMachine(app, request);

  private OperationState upgrade(Phase phase, boolean committed, boolean handedOver) {
    return OperationState.builder()
        .id(OperationId.upgrade(ObjectRef.of("shop", "up")))
        .app(app.id())
        .phase(phase)
        .phaseStartedAt(T0)
        .settled(phase.terminal())
        .commitId(committed ? java.util.Optional.of("a".repeat(40)) : java.util.Optional.empty())
        .rollbackRequested(handedOver)
        .putOriginalReplica(SampleApp.DATABASE, 3)
        .putSnapshot(SampleApp.DATA, ObjectRef.of("shop", "up-data-postgres-0"))
        .build();
  }

  @Test
  void refusesAnUpgradeThatMadeNoCommit() {
    OperationState state = machine.start(upgrade(Phase.FAILED, false, false), List.of(), T0);

    assertThat(state.finished()).isTrue();
    assertThat(state.message().orElseThrow())
        .contains("made no commit")
        .contains("nothing to roll back");
  }

  @Test
  void refusesADryRunUpgradeSayingSo() {
    OperationState dryRun =
        upgrade(Phase.COMPLETED, false, false)
            .with(
                b ->
                    b.addHistory(
                        PhaseRecord.of(
                            Phase.DRY_RUN, T0, T0.plusSeconds(1), "dry run, nothing changed")));

    OperationState state = machine.start(dryRun, List.of(), T0);

    assertThat(state.phase()).isEqualTo(Phase.FAILED);
    assertThat(state.message())
        .contains(
            "upgrade shop/up was a dry run: it changed nothing, so there is nothing to roll back");
  }

  @Test
  void refusesAnUpgradeStillRunning() {
    OperationState state = machine.start(upgrade(Phase.SNAPSHOT, false, false), List.of(), T0);

    assertThat(state.phase()).isEqualTo(Phase.FAILED);
    assertThat(state.message().orElseThrow()).contains("still running (phase Snapshot)");
  }

  @Test
  void refusesAnUpgradeAnotherRollbackAlreadyUndid() {
    OperationState undone = rollback("auto-undo", Phase.COMPLETED, true);

    OperationState state = machine.start(upgrade(Phase.FAILED, true, true), List.of(undone), T0);

    assertThat(state.phase()).isEqualTo(Phase.FAILED);
    assertThat(state.settled()).as("nothing was touched, nothing to put back").isTrue();
    assertThat(state.message().orElseThrow())
        .startsWith(
            "upgrade shop/up was already rolled back by shop/auto-undo (revert bbbbbbbbbbbb)")
        .contains("create an UpgradeRequest");
  }

  @Test
  void aDryRunOrAFailedRollbackDoesNotStopAnother() {
    List<OperationState> others =
        List.of(rollback("looked", Phase.COMPLETED, false), rollback("tried", Phase.FAILED, true));

    OperationState state = machine.start(upgrade(Phase.COMPLETED, true, false), others, T0);

    assertThat(state.phase()).isEqualTo(Phase.PENDING);
  }

  @Test
  void itsOwnEarlierStateIsNoOtherRollback() {
    OperationState itself = rollback("undo", Phase.COMPLETED, true);

    assertThat(machine.start(upgrade(Phase.COMPLETED, true, false), List.of(itself), T0).phase())
        .isEqualTo(Phase.PENDING);
  }

  private OperationState rollback(String name, Phase phase, boolean reverted) {
    return OperationState.builder()
        .id(OperationId.rollback(ObjectRef.of("shop", name)))
        .app(app.id())
        .phase(phase)
        .phaseStartedAt(T0)
        .upgrade(ObjectRef.of("shop", "up"))
        .commitId(reverted ? java.util.Optional.of("b".repeat(40)) : java.util.Optional.empty())
        .build();
  }

  @Test
  void refusesToRollBackAnAppNowAppliedFromABucketBeforeAnythingStops() {
    OperationState pending = machine.start(upgrade(Phase.COMPLETED, true, false), List.of(), T0);
    Observations fromBucket =
        Observations.builder()
            .flux(
                Map.of(
                    app.flux().applier(),
                    FluxStatus.builder()
                        .ref(app.flux().applier())
                        .suspended(false)
                        .source(
                            SourceRef.of(
                                SourceKind.BUCKET, ObjectRef.of("flux-system", "shop-manifests")))
                        .build(),
                    app.flux().primary(),
                    FluxStatus.builder().ref(app.flux().primary()).suspended(false).build()))
            .build();

    Step refused = machine.step(pending, fromBucket, T0.plusSeconds(1));

    assertThat(refused.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(refused.state().failedIn()).contains(Phase.PENDING);
    assertThat(refused.state().message().orElseThrow())
        .contains("applies from Bucket flux-system/shop-manifests");
    assertThat(refused.actions()).noneMatch(Action::mutates);
  }

  @Test
  void inheritsReplicaCountsOnlyWhenItTookOverFromAFailedUpgrade() {
    assertThat(machine.start(upgrade(Phase.FAILED, true, true), List.of(), T0).originalReplicas())
        .containsExactly(Map.entry(SampleApp.DATABASE, 3));
    assertThat(
            machine.start(upgrade(Phase.COMPLETED, true, false), List.of(), T0).originalReplicas())
        .isEmpty();
  }

  @Test
  void skipSnapshotGoesStraightFromScaleDownToGitRevert() {
    RollbackMachine skipping =
        new RollbackMachine(
            app, RollbackRequest.builder().from(request).skipSnapshot(true).build());

    OperationState state = skipping.start(upgrade(Phase.COMPLETED, true, false), List.of(), T0);

    assertThat(state.snapshots()).isEmpty();
    assertThat(skipping.afterScaleDown(state)).isEqualTo(Phase.GIT_REVERT);
  }

  @Test
  void aRestoreThatHangsTimesOutWithWhatItWaitedFor() {
    OperationState restoring =
        machine
            .start(upgrade(Phase.COMPLETED, true, false), List.of(), T0)
            .with(b -> b.phase(Phase.VOLUME_RESTORE).phaseStartedAt(T0));
    Observations hanging =
        Observations.builder()
            .flux(
                Map.of(
                    app.flux().applier(),
                    io.harbormaster.core.health.FluxStatus.builder()
                        .ref(app.flux().applier())
                        .suspended(true)
                        .build(),
                    app.flux().primary(),
                    io.harbormaster.core.health.FluxStatus.builder()
                        .ref(app.flux().primary())
                        .suspended(true)
                        .build()))
            .putRestore(
                SampleApp.DATA,
                RestoreStatus.waiting("old PVC shop/data-postgres-0 is still terminating"))
            .build();

    Step step = machine.step(restoring, hanging, T0.plus(Duration.ofMinutes(30)));

    assertThat(step.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(step.state().message().orElseThrow())
        .contains("VolumeRestore timed out after 30m without progress")
        .contains("still terminating");
  }
}
