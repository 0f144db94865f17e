package io.harbormaster.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.automation.ImageAutomation;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.RepositoryUrl;
import io.harbormaster.core.model.RollbackRequest;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.UpgradeRequest;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.operation.RollbackMachine;
import io.harbormaster.core.operation.UpgradeMachine;
import io.harbormaster.core.simulation.InMemoryWorld;
import io.harbormaster.core.simulation.SampleApp;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Flux ImageUpdateAutomations that write the app's file are held suspended while an operation
 * works: an upgrade resumes them when it ends, whatever the end; a rollback leaves them suspended,
 * since resumed they would push the undone tag back.
 */
class ImageAutomationHoldTest {
  private static final ObjectRef WRITER = ObjectRef.of("flux-system", "shop-images");
  private static final ObjectRef ELSEWHERE = ObjectRef.of("flux-system", "other-images");

  private final ManagedApp app = SampleApp.app();
  private final InMemoryWorld world =
      SampleApp.world(app)
          .withImageAutomation(automation(WRITER, "./apps/shop"))
          .withImageAutomation(automation(ELSEWHERE, "./apps/other"));
  private final OperationDriver driver =
      new OperationDriver(
          new OperationRunner(world.ports()), world, world.clock(), Duration.ofSeconds(5));

  /** Whether the writer was suspended while the operation was in each phase, by phase. */
  private final Map<Phase, Boolean> writerSuspendedIn = new EnumMap<>(Phase.class);

  private static ImageAutomation automation(ObjectRef ref, String path) {
    return ImageAutomation.builder()
        .ref(ref)
        .source(ObjectRef.of("flux-system", "fleet"))
        .repository(RepositoryUrl.parse("https://git.example.com/platform/fleet.git"))
        .sourceBranch("main")
        .updatePath(path)
        .build();
  }

  private OperationState upgrade(String version) throws InterruptedException {
    UpgradeMachine machine =
        new UpgradeMachine(
            app,
            UpgradeRequest.builder()
                .id(ObjectRef.of("shop", "to-" + version))
                .app(app.id())
                .target(TargetVersion.of(version))
                .build());
    return driver.run(
        app,
        machine,
        machine.start(world.clock().instant()),
        step ->
            writerSuspendedIn.put(step.state().phase(), world.imageAutomationSuspended(WRITER)));
  }

  @Test
  void anUpgradeHoldsTheAutomationThatWritesItsFileFromSuspendToTheEndAndThenResumesIt()
      throws InterruptedException {
    OperationState done = upgrade("15.2.0");

    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(done.imageAutomations()).containsExactly(WRITER);
    assertThat(writerSuspendedIn)
        .containsEntry(Phase.SCALE_DOWN, true)
        .containsEntry(Phase.SNAPSHOT, true)
        .containsEntry(Phase.GIT_COMMIT, true)
        .containsEntry(Phase.RECONCILE, true);
    assertThat(world.imageAutomationSuspended(WRITER)).as("resumed at the end").isFalse();
    assertThat(world.imageAutomationSuspended(ELSEWHERE))
        .as("one that writes another folder is left alone")
        .isFalse();
  }

  @Test
  void anAutomationSomeonePausedBeforeTheUpgradeStaysPausedAfterIt() throws InterruptedException {
    world.suspendImageAutomation(WRITER);

    OperationState done = upgrade("15.2.0");

    assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(done.imageAutomations()).isEmpty();
    assertThat(world.imageAutomationSuspended(WRITER)).isTrue();
  }

  @Test
  void anUpgradeThatFailsBeforeItsCommitResumesTheAutomationWithFlux() throws InterruptedException {
    world.snapshotTakes(SampleApp.DATA, Duration.ofHours(1));

    OperationState failed = upgrade("15.2.0");

    assertThat(failed.phase()).isEqualTo(Phase.FAILED);
    assertThat(failed.failedIn()).contains(Phase.SNAPSHOT);
    assertThat(failed.settled()).isTrue();
    assertThat(writerSuspendedIn).containsEntry(Phase.SNAPSHOT, true);
    assertThat(world.imageAutomationSuspended(WRITER)).isFalse();
  }

  @Test
  void aRollbackLeavesTheAutomationSuspendedAndSaysWhyInAWarning() throws InterruptedException {
    world.broken("16.0.0");
    OperationState failed = upgrade("16.0.0");
    assertThat(failed.rollbackRequested()).isTrue();
    assertThat(world.imageAutomationSuspended(WRITER))
        .as("still held while the rollback is on its way")
        .isTrue();

    RollbackMachine rollback =
        new RollbackMachine(
            app,
            RollbackRequest.builder()
                .id(ObjectRef.of("shop", "to-16.0.0-rollback"))
                .upgrade(failed.id().request())
                .autoTriggered(true)
                .build());
    OperationState rolledBack =
        driver.run(
            app, rollback, rollback.start(failed, List.of(), world.clock().instant()), step -> {});

    assertThat(rolledBack.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(rolledBack.imageAutomations()).containsExactly(WRITER);
    assertThat(world.imageAutomationSuspended(WRITER)).isTrue();
    assertThat(world.events())
        .anySatisfy(
            event ->
                assertThat(event)
                    .startsWith("WARNING ImageAutomationHeld: ")
                    .contains("ImageUpdateAutomation flux-system/shop-images stays suspended"));
  }
}
