package io.harbormaster.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.simulation.InMemoryWorld;
import io.harbormaster.core.simulation.SampleApp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A push that is not Harbormaster's lands on the version line while an operation holds Flux (an
 * image automation run already under way when it was suspended, a person): the operation stops
 * before it touches the volumes or git, and puts Flux and the workloads back.
 */
class ForeignPushTest {
  private static final String PUSHED = "15.3.0";

  private final ManagedApp app = SampleApp.app();
  private final InMemoryWorld world = SampleApp.world(app);
  private final Operations operations = new Operations(app, world);
  private boolean pushed;

  /**
   * Runs an upgrade to {@code version}; someone pushes {@link #PUSHED} once it is in {@code at}.
   */
  private OperationState upgradePushedOverIn(String version, Phase at) throws InterruptedException {
    return upgrade(version, step -> pushOnceIn(step, at));
  }

  private OperationState upgrade(String version, OperationDriver.Listener listener)
      throws InterruptedException {
    return operations.upgrade("to-" + version, version, listener);
  }

  private void pushOnceIn(StepResult step, Phase at) {
    if (step.state().phase() == at && !pushed) {
      world.pushedByOthers(SampleApp.VERSION_PATH, PUSHED);
      pushed = true;
    }
  }

  @Test
  void aPushWhileTheWorkloadsStopFailsTheUpgradeBeforeItsSnapshot() throws InterruptedException {
    OperationState failed = upgradePushedOverIn("15.2.0", Phase.SCALE_DOWN);

    assertThat(failed.phase()).isEqualTo(Phase.FAILED);
    assertThat(failed.failedIn()).contains(Phase.SCALE_DOWN);
    assertThat(failed.message().orElseThrow())
        .startsWith("'spec.chart.spec.version' is now '15.3.0' where Pending read '15.1.0' in git")
        .contains("Stopped before the volumes or git were touched");
    assertThat(world.snapshotNames()).isEmpty();
    assertThat(world.gitValue(SampleApp.VERSION_PATH)).isEqualTo(PUSHED);
    assertPutBack(failed);
  }

  @Test
  void aPushDuringTheSnapshotFailsTheUpgradeBeforeItsCommit() throws InterruptedException {
    world.snapshotTakes(SampleApp.DATA, Duration.ofSeconds(30));
    int commits = world.commitCount();

    OperationState failed = upgradePushedOverIn("15.2.0", Phase.SNAPSHOT);

    assertThat(failed.phase()).isEqualTo(Phase.FAILED);
    assertThat(failed.failedIn()).contains(Phase.GIT_COMMIT);
    assertThat(failed.message().orElseThrow())
        .contains("path 'spec.chart.spec.version' holds '15.3.0', not '15.1.0'");
    assertThat(world.gitValue(SampleApp.VERSION_PATH)).isEqualTo(PUSHED);
    assertThat(world.commitCount()).as("the other push alone").isEqualTo(commits + 1);
    assertThat(failed.commitId()).isEmpty();
    assertPutBack(failed);
  }

  @Test
  void aRollbackRefusesToRevertOverAPushThatLandedAfterItsPlanAndRestoresNothing()
      throws InterruptedException {
    world.broken("16.0.0");
    OperationState upgrade = upgrade("16.0.0", step -> {});
    world.writeVolume(SampleApp.DATA, "rows the broken version wrote");
    OperationState refused =
        operations.rollback("undo", upgrade, step -> pushOnceIn(step, Phase.SCALE_DOWN));

    assertThat(refused.phase()).isEqualTo(Phase.FAILED);
    assertThat(refused.failedIn()).contains(Phase.SCALE_DOWN);
    assertThat(refused.message().orElseThrow()).contains("is now '15.3.0'");
    assertThat(world.volumeData(SampleApp.DATA)).isEqualTo("rows the broken version wrote");
    assertThat(world.gitValue(SampleApp.VERSION_PATH)).isEqualTo(PUSHED);
    assertPutBack(refused);
  }

  private void assertPutBack(OperationState failed) {
    assertThat(failed.settled()).isTrue();
    assertThat(world.replicas(SampleApp.DATABASE)).isEqualTo(1);
    assertThat(world.replicas(SampleApp.BACKUP)).isEqualTo(2);
    assertThat(app.flux().objects()).noneMatch(world::suspended);
  }
}
