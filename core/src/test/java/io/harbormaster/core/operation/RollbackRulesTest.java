package io.harbormaster.core.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.automation.ImageAutomationSearch;
import io.harbormaster.core.discovery.AppTargets;
import io.harbormaster.core.health.FluxStatus;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.model.RollbackRequest;
import io.harbormaster.core.port.GitCommit;
import io.harbormaster.core.port.RestoreStatus;
import io.harbormaster.core.port.ValueChange;
import io.harbormaster.core.simulation.SampleApp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a rollback refuses to start, how its restore's clock runs on progress, and what it says it
 * would do or did.
 */
class RollbackRulesTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String UPGRADE_COMMIT = "a".repeat(40);
  private static final ObjectRef WAL = ObjectRef.of("shop", "wal-postgres-0");

  private final ManagedApp app = SampleApp.app();
  private final RollbackRequest request =
      RollbackRequest.builder()
          .id(ObjectRef.of("shop", "undo"))
          .upgrade(ObjectRef.of("shop", "up"))
          .build();
  private final RollbackMachine machine = new RollbackMachine(app, request);

  private OperationState upgrade() {
    return OperationState.builder()
        .id(OperationId.upgrade(ObjectRef.of("shop", "up")))
        .app(app.id())
        .phase(Phase.COMPLETED)
        .phaseStartedAt(T0)
        .settled(true)
        .commitId(UPGRADE_COMMIT)
        .putSnapshot(SampleApp.DATA, ObjectRef.of("shop", "up-data-postgres-0"))
        .putSnapshot(WAL, ObjectRef.of("shop", "up-wal-postgres-0"))
        .build();
  }

  private Map<FluxRef, FluxStatus> flux(boolean suspended) {
    return app.flux().objects().stream()
        .collect(
            Collectors.toMap(
                ref -> ref, ref -> FluxStatus.builder().ref(ref).suspended(suspended).build()));
  }

  @Test
  void aRollbackOfARollbackIsRefused() {
    OperationState rollback =
        upgrade().with(b -> b.id(OperationId.rollback(ObjectRef.of("shop", "earlier-undo"))));

    OperationState state = machine.start(rollback, List.of(), T0);

    assertThat(state.phase()).isEqualTo(Phase.FAILED);
    assertThat(state.failedIn()).contains(Phase.PENDING);
    assertThat(state.finished()).isTrue();
    assertThat(state.message())
        .contains(
            "spec.upgrade names rollback shop/earlier-undo: a rollback undoes an upgrade, not a"
                + " rollback");
    assertThat(state.revertOf()).isEmpty();
  }

  @Test
  void anUpgradeOfAnotherAppIsRefused() {
    OperationState other = upgrade().with(b -> b.app(ObjectRef.of("shop", "redis")));

    OperationState state = machine.start(other, List.of(), T0);

    assertThat(state.phase()).isEqualTo(Phase.FAILED);
    assertThat(state.finished()).isTrue();
    assertThat(state.message())
        .contains("upgrade shop/up belongs to app shop/redis, not shop/postgres");
  }

  private OperationState restoring() {
    return machine
        .start(upgrade(), List.of(), T0)
        .with(b -> b.phase(Phase.VOLUME_RESTORE).phaseStartedAt(T0));
  }

  private Observations restores(RestoreStatus data, RestoreStatus wal) {
    return Observations.builder()
        .flux(flux(true))
        .putRestore(SampleApp.DATA, data)
        .putRestore(WAL, wal)
        .build();
  }

  @Test
  void eachVolumeRestoredRestartsTheRestoresClockAndOnlyNewProgressDoes() {
    RestoreStatus waiting = RestoreStatus.waiting("the new PVC is binding");
    Observations oneDone = restores(RestoreStatus.done("restored from its snapshot"), waiting);

    Step progressed = machine.step(restoring(), oneDone, T0.plus(Duration.ofMinutes(25)));
    Step same = machine.step(progressed.state(), oneDone, T0.plus(Duration.ofMinutes(40)));
    Step late = machine.step(same.state(), oneDone, T0.plus(Duration.ofMinutes(55)));

    assertThat(progressed.state().progress()).isEqualTo(1);
    assertThat(progressed.state().progressAt()).contains(T0.plus(Duration.ofMinutes(25)));
    assertThat(progressed.actions())
        .containsExactly(
            new Action.RestoreVolume(
                io.harbormaster.core.port.RestoreRequest.of(
                    WAL, ObjectRef.of("shop", "up-wal-postgres-0"))));
    assertThat(same.state().phase()).isEqualTo(Phase.VOLUME_RESTORE);
    assertThat(same.state().progressAt()).contains(T0.plus(Duration.ofMinutes(25)));
    assertThat(machine.deadline(same.state())).contains(T0.plus(Duration.ofMinutes(55)));
    assertThat(late.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(late.state().message().orElseThrow())
        .contains("VolumeRestore timed out after 30m without progress")
        .contains("shop/wal-postgres-0 (the new PVC is binding)");
  }

  @Test
  void noVolumeRestoredYetLeavesTheClockAtThePhasesStart() {
    RestoreStatus waiting = RestoreStatus.waiting("the old PVC is terminating");

    Step step =
        machine.step(restoring(), restores(waiting, waiting), T0.plus(Duration.ofMinutes(10)));

    assertThat(step.state().progress()).isZero();
    assertThat(step.state().progressAt()).isEmpty();
    assertThat(machine.deadline(step.state())).contains(T0.plus(Duration.ofMinutes(30)));
  }

  @Test
  void progressRecordedBeforeThePhaseBeganDoesNotMoveItsDeadline() {
    OperationState stale =
        restoring().with(b -> b.progress(1).progressAt(T0.minus(Duration.ofMinutes(10))));

    assertThat(machine.deadline(stale)).contains(T0.plus(Duration.ofMinutes(30)));
  }

  @ParameterizedTest
  @EnumSource(
      value = Phase.class,
      names = {"SCALE_DOWN", "VOLUME_RESTORE", "GIT_REVERT"})
  void aResumeBehindHarbormastersBackFailsEveryPhaseThatNeedsFluxSuspended(Phase phase) {
    OperationState state = restoring().with(b -> b.phase(phase));
    Observations resumed =
        Observations.builder()
            .flux(flux(false))
            .putRestore(SampleApp.DATA, RestoreStatus.done("restored from its snapshot"))
            .putRestore(WAL, RestoreStatus.done("restored from its snapshot"))
            .build();

    Step step = machine.step(state, resumed, T0.plusSeconds(10));

    assertThat(step.state().phase()).isEqualTo(Phase.FAILED);
    assertThat(step.state().failedIn()).contains(phase);
    assertThat(step.state().message().orElseThrow()).contains("resumed by someone else");
    assertThat(step.actions()).noneMatch(Action::mutates);
  }

  @Test
  void aDryRunSaysWhatItWouldRestoreAndRevert() {
    RollbackMachine dryRun =
        new RollbackMachine(app, RollbackRequest.builder().from(request).dryRun(true).build());
    RollbackMachine skipping =
        new RollbackMachine(
            app, RollbackRequest.builder().from(request).dryRun(true).skipSnapshot(true).build());
    Observations seen =
        Observations.builder()
            .imageAutomations(ImageAutomationSearch.none())
            .targets(AppTargets.builder().build())
            .versionPreview(List.of(ValueChange.of(SampleApp.VERSION_PATH, "15.2.0", "15.1.0")))
            .flux(flux(false))
            .build();

    Step restoring = dryRun.step(dryRun.start(upgrade(), List.of(), T0), seen, T0);
    Step planned = dryRun.step(restoring.state(), seen, T0);
    Step withoutRestore =
        skipping.step(
            skipping.step(skipping.start(upgrade(), List.of(), T0), seen, T0).state(), seen, T0);

    assertThat(restoring.state().phase()).isEqualTo(Phase.DRY_RUN);
    assertThat(restoring.state().pvcs()).containsExactly(SampleApp.DATA, WAL);
    assertThat(planned.state().message())
        .contains(
            "dry run, nothing changed: would stop [], restore [shop/data-postgres-0,"
                + " shop/wal-postgres-0] from snapshots, revert aaaaaaaaaaaa"
                + " (spec.chart.spec.version: 15.2.0 -> 15.1.0)");
    assertThat(withoutRestore.state().message())
        .contains(
            "dry run, nothing changed: would stop [], restore no volume, revert aaaaaaaaaaaa"
                + " (spec.chart.spec.version: 15.2.0 -> 15.1.0)");
  }

  @Test
  void theRevertFoundInGitMovesTheRollbackOnToReconcileAndResumesTheApplier() {
    String revert = "b".repeat(40);
    OperationState reverting = restoring().with(b -> b.phase(Phase.GIT_REVERT).snapshots(Map.of()));
    Observations pushed =
        Observations.builder()
            .flux(flux(true))
            .commit(GitCommit.builder().id(revert).build())
            .build();

    Step step = machine.step(reverting, pushed, T0.plusSeconds(5));

    assertThat(step.state().phase()).isEqualTo(Phase.RECONCILE);
    assertThat(step.state().commitId()).contains(revert);
    assertThat(step.state().history().get(step.state().history().size() - 1).summary())
        .isEqualTo("reverted aaaaaaaaaaaa with bbbbbbbbbbbb");
    assertThat(step.actions())
        .filteredOn(Action::mutates)
        .containsExactly(
            new Action.ResumeFlux(app.flux().applier()),
            new Action.RequestReconcile(app.flux().applier()));
    assertThat(step.state().revertOf()).contains(UPGRADE_COMMIT);
  }

  @Test
  void aRollbackThatFailedInGitRevertLooksForItsRevertAndOwnsOneThatReachedGit() {
    String revert = "b".repeat(40);
    OperationState reverting = restoring().with(b -> b.phase(Phase.GIT_REVERT).snapshots(Map.of()));
    OperationState failed = machine.fail(reverting, "push answer lost", T0.plusSeconds(30)).state();
    Observations revertExists =
        Observations.builder()
            .flux(flux(true))
            .commit(GitCommit.builder().id(revert).build())
            .build();

    Step settling = machine.step(failed, revertExists, T0.plusSeconds(31));

    assertThat(machine.needs(failed)).contains(Needs.COMMIT);
    assertThat(settling.state().commitId()).contains(revert);
    assertThat(settling.state().rollbackRequested()).as("no rollback of a rollback").isFalse();
    assertThat(settling.state().message())
        .contains(
            "push answer lost; commit bbbbbbbbbbbb reached git before the failure: Flux will apply"
                + " it");
    assertThat(settling.actions())
        .containsExactly(
            new Action.ResumeFlux(app.flux().primary()),
            new Action.ResumeFlux(app.flux().applier()));
  }
}
