package io.harbormaster.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.RollbackRequest;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.UpgradeRequest;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.operation.PhaseRecord;
import io.harbormaster.core.operation.RollbackMachine;
import io.harbormaster.core.operation.UpgradeMachine;
import io.harbormaster.core.simulation.InMemoryWorld;
import io.harbormaster.core.simulation.SampleApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class UpgradeAndRollbackFlowTest {
  private final ManagedApp app = SampleApp.app();
  private final InMemoryWorld world = SampleApp.world(app);
  private final OperationDriver driver =
      new OperationDriver(
          new OperationRunner(world.ports()), world, world.clock(), Duration.ofSeconds(5));

  private OperationState upgrade(String name, String version, boolean dryRun)
      throws InterruptedException {
    UpgradeRequest request =
        UpgradeRequest.builder()
            .id(ObjectRef.of("shop", name))
            .app(app.id())
            .target(TargetVersion.of(version))
            .dryRun(dryRun)
            .build();
    UpgradeMachine machine = new UpgradeMachine(app, request);
    return driver.run(app, machine, machine.start(world.clock().instant()), step -> {});
  }

  private static List<Phase> phases(OperationState state) {
    List<Phase> phases =
        state.history().stream()
            .map(PhaseRecord::phase)
            .collect(Collectors.toCollection(ArrayList::new));
    phases.add(state.phase());
    return phases;
  }

  @Test
  void aRollbackGitWouldRefuseFailsBeforeAnyVolumeIsTouched() throws InterruptedException {
    OperationState first = upgrade("pg-15-2", "15.2.0", false);
    upgrade("pg-15-3", "15.3.0", false);
    world.writeVolume(SampleApp.DATA, "rows written under 15.3.0");
    RollbackMachine rollback =
        new RollbackMachine(
            app,
            RollbackRequest.builder()
                .id(ObjectRef.of("shop", "undo-15-2"))
                .upgrade(first.id().request())
                .build());

    OperationState refused =
        driver.run(
            app, rollback, rollback.start(first, List.of(), world.clock().instant()), step -> {});

    assertThat(refused.phase()).isEqualTo(Phase.FAILED);
    assertThat(refused.failedIn()).contains(Phase.PENDING);
    assertThat(refused.message().orElseThrow())
        .contains("is now '15.3.0'")
        .contains("resolve it by hand");
    assertThat(world.volumeData(SampleApp.DATA)).isEqualTo("rows written under 15.3.0");
    assertThat(world.gitValue(SampleApp.VERSION_PATH)).isEqualTo("15.3.0");
    assertThat(world.replicas(SampleApp.DATABASE)).isEqualTo(1);
    assertThat(app.flux().objects()).noneMatch(world::suspended);
  }

  @Test
  void aDryRunRollbackSaysWhatItsRevertWouldChange() throws InterruptedException {
    OperationState upgraded = upgrade("pg-15-2", "15.2.0", false);
    RollbackMachine rollback =
        new RollbackMachine(
            app,
            RollbackRequest.builder()
                .id(ObjectRef.of("shop", "look"))
                .upgrade(upgraded.id().request())
                .dryRun(true)
                .build());

    OperationState planned =
        driver.run(
            app,
            rollback,
            rollback.start(upgraded, List.of(), world.clock().instant()),
            step -> {});

    assertThat(planned.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(planned.message().orElseThrow())
        .contains("(spec.chart.spec.version: 15.2.0 -> 15.1.0)");
    assertThat(world.gitValue(SampleApp.VERSION_PATH)).isEqualTo("15.2.0");
  }

  @Test
  void upgradeRunsEveryPhaseAndLeavesTheAppRunningTheNewVersion() throws InterruptedException {
    OperationState done = upgrade("pg-15-2", "15.2.0", false);

    assertThat(phases(done))
        .containsExactly(
            Phase.PENDING,
            Phase.SUSPEND,
            Phase.SCALE_DOWN,
            Phase.SNAPSHOT,
            Phase.GIT_COMMIT,
            Phase.RECONCILE,
            Phase.HEALTH_CHECK,
            Phase.COMPLETED);
    assertThat(done.finished()).isTrue();
    assertThat(world.gitValue(SampleApp.VERSION_PATH)).isEqualTo("15.2.0");
    assertThat(world.replicas(SampleApp.DATABASE)).isEqualTo(1);
    assertThat(world.replicas(SampleApp.BACKUP)).isEqualTo(2);
    assertThat(app.flux().objects()).noneMatch(world::suspended);
    assertThat(done.originalReplicas())
        .containsEntry(SampleApp.DATABASE, 1)
        .containsEntry(SampleApp.BACKUP, 2);
    assertThat(world.snapshotNames()).containsExactly(done.snapshots().get(SampleApp.DATA));
    assertThat(done.commitId()).isPresent();
    assertThat(world.events()).anyMatch(event -> event.contains("CreateSnapshot"));
  }

  @Test
  void aCommitSomeoneElsePushedOnTopStillCountsAsOursApplied() throws InterruptedException {
    world.othersPushAfterUs();

    OperationState done = upgrade("pg-busy-repo", "15.2.0", false);

    assertThat(done.phase()).as(done.message().orElse("")).isEqualTo(Phase.COMPLETED);
    assertThat(world.commitCount()).isEqualTo(3);
  }

  @Test
  void anUnpublishedTargetFailsInPendingWithTheWorkloadsNeverStopped() throws InterruptedException {
    world.unpublished("15.9.0");

    OperationState refused = upgrade("pg-typo", "15.9.0", false);

    assertThat(phases(refused)).containsExactly(Phase.PENDING, Phase.FAILED);
    assertThat(refused.message().orElseThrow())
        .contains("version 15.9.0 (not published)")
        .contains("Nothing was stopped");
    assertThat(world.everStopped(SampleApp.DATABASE)).isFalse();
    assertThat(world.gitValue(SampleApp.VERSION_PATH)).isEqualTo("15.1.0");
    assertThat(world.snapshotNames()).isEmpty();
    assertThat(app.flux().objects()).noneMatch(world::suspended);
  }

  @Test
  void dryRunChangesNothing() throws InterruptedException {
    OperationState done = upgrade("pg-dry", "15.2.0", true);

    assertThat(phases(done)).containsExactly(Phase.PENDING, Phase.DRY_RUN, Phase.COMPLETED);
    assertThat(done.message().orElseThrow()).contains("dry run").contains("15.1.0 -> 15.2.0");
    assertThat(world.gitValue(SampleApp.VERSION_PATH)).isEqualTo("15.1.0");
    assertThat(world.commitCount()).isEqualTo(1);
    assertThat(world.snapshotNames()).isEmpty();
    assertThat(world.replicas(SampleApp.BACKUP)).isEqualTo(2);
  }

  @Test
  void failedHealthCheckHandsToARollbackThatRestoresTheDataAndRevertsGit()
      throws InterruptedException {
    world.broken("16.0.0");
    world.writeVolume(SampleApp.DATA, "rows before the upgrade");

    OperationState failed = upgrade("pg-16", "16.0.0", false);

    assertThat(failed.phase()).isEqualTo(Phase.FAILED);
    assertThat(failed.failedIn()).contains(Phase.HEALTH_CHECK);
    assertThat(failed.message().orElseThrow())
        .contains("HealthCheck timed out after 5m")
        .contains("rolling back");
    assertThat(world.rollbacksStarted()).containsExactly(failed.id());

    // The broken version wrote over the data before anyone noticed.
    world.writeVolume(SampleApp.DATA, "rows the broken version rewrote");
    RollbackMachine rollback =
        new RollbackMachine(
            app,
            RollbackRequest.builder()
                .id(ObjectRef.of("shop", "pg-16-rollback"))
                .upgrade(failed.id().request())
                .autoTriggered(true)
                .build());
    OperationState rolledBack =
        driver.run(
            app, rollback, rollback.start(failed, List.of(), world.clock().instant()), step -> {});

    assertThat(phases(rolledBack))
        .containsExactly(
            Phase.PENDING,
            Phase.SUSPEND,
            Phase.SCALE_DOWN,
            Phase.VOLUME_RESTORE,
            Phase.GIT_REVERT,
            Phase.RECONCILE,
            Phase.HEALTH_CHECK,
            Phase.COMPLETED);
    assertThat(world.volumeData(SampleApp.DATA)).isEqualTo("rows before the upgrade");
    assertThat(world.gitValue(SampleApp.VERSION_PATH)).isEqualTo("15.1.0");
    assertThat(world.replicas(SampleApp.DATABASE)).isEqualTo(1);
    assertThat(world.replicas(SampleApp.BACKUP)).isEqualTo(2);
    assertThat(app.flux().objects()).noneMatch(world::suspended);
  }

  @Test
  void externalResumeDuringTheOperationStopsItAndPutsTheWorkloadsBack()
      throws InterruptedException {
    UpgradeRequest request =
        UpgradeRequest.builder()
            .id(ObjectRef.of("shop", "pg-x"))
            .app(app.id())
            .target(TargetVersion.of("15.2.0"))
            .build();
    UpgradeMachine machine = new UpgradeMachine(app, request);
    FluxRef parent = app.flux().applier();
    OperationState done =
        driver.run(
            app,
            machine,
            machine.start(world.clock().instant()),
            step -> {
              if (step.state().phase() == Phase.SNAPSHOT && world.suspended(parent)) {
                world.resumeExternally(parent);
              }
            });

    assertThat(done.phase()).isEqualTo(Phase.FAILED);
    assertThat(done.failedIn()).contains(Phase.SNAPSHOT);
    assertThat(done.message().orElseThrow()).contains("resumed by someone else");
    assertThat(world.gitValue(SampleApp.VERSION_PATH)).isEqualTo("15.1.0");
    assertThat(world.replicas(SampleApp.DATABASE)).isEqualTo(1);
    assertThat(world.replicas(SampleApp.BACKUP)).isEqualTo(2);
    assertThat(app.flux().objects()).noneMatch(world::suspended);
    assertThat(world.rollbacksStarted()).isEmpty();
  }
}
