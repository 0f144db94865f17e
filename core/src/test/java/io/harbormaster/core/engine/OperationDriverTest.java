package io.harbormaster.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.UpgradeRequest;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.operation.PhaseRecord;
import io.harbormaster.core.operation.UpgradeMachine;
import io.harbormaster.core.simulation.InMemoryWorld;
import io.harbormaster.core.simulation.SampleApp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Between steps that changed nothing the driver sleeps until a watch reports a change, the phase's
 * deadline comes, or the guard passes. The in-memory world reports no change, so each sleep lasts
 * exactly as long as the driver asked (its tick is longer than any of them).
 */
class OperationDriverTest {
  private final ManagedApp app = SampleApp.app();
  private final InMemoryWorld world = SampleApp.world(app).tick(Duration.ofDays(1));

  private OperationState upgrade(Duration guard) throws InterruptedException {
    OperationDriver driver =
        new OperationDriver(new OperationRunner(world.ports()), world, world.clock(), guard);
    UpgradeMachine machine =
        new UpgradeMachine(
            app,
            UpgradeRequest.builder()
                .id(ObjectRef.of("shop", "up"))
                .app(app.id())
                .target(TargetVersion.of("15.2.0"))
                .build());
    return driver.run(app, machine, machine.start(world.clock().instant()), step -> {});
  }

  private static PhaseRecord snapshotPhase(OperationState done) {
    return done.history().stream()
        .filter(record -> record.phase() == Phase.SNAPSHOT)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aDeadlineSoonerThanTheGuardWakesTheOperationAtTheDeadline() throws InterruptedException {
    world.snapshotTakes(SampleApp.DATA, Duration.ofMinutes(45));

    OperationState failed = upgrade(Duration.ofHours(2));

    assertThat(failed.failedIn()).contains(Phase.SNAPSHOT);
    assertThat(snapshotPhase(failed).duration()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void aChangeNoWatchReportsIsSeenAfterAtMostTheGuard() throws InterruptedException {
    world.snapshotTakes(SampleApp.DATA, Duration.ofMinutes(10));

    OperationState done = upgrade(Duration.ofMinutes(1));

    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(snapshotPhase(done).duration()).isEqualTo(Duration.ofMinutes(10));
  }
}
