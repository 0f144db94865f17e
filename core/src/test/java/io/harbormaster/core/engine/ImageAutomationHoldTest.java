package io.harbormaster.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.automation.ImageAutomation;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.RepositoryUrl;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.simulation.InMemoryWorld;
import io.harbormaster.core.simulation.SampleApp;
import java.time.Duration;
import java.util.ArrayList;
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
  private final Operations operations = new Operations(app, world);

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
    return operations.upgrade(
        "to-" + version,
        version,
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

    OperationState rolledBack = operations.rollback("to-16.0.0-rollback", failed, step -> {});

    assertThat(rolledBack.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(rolledBack.imageAutomations()).containsExactly(WRITER);
    assertThat(world.imageAutomationSuspended(WRITER)).isTrue();
    assertThat(world.events())
        .anySatisfy(
            event ->
                assertThat(event)
                    .startsWith("WARNING ImageAutomationHeld: ")
                    .contains("ImageUpdateAutomation flux-system/shop-images stays suspended")
                    .contains("hm resume-automation postgres -n shop resumes it"));
  }

  @Test
  void anAutomationSomeoneResumesWhileTheUpgradeHoldsItIsSuspendedAgain()
      throws InterruptedException {
    List<Boolean> afterTheResume = new ArrayList<>();
    operations.upgrade(
        "to-15.2.0",
        "15.2.0",
        step -> {
          if (step.state().phase() == Phase.SNAPSHOT && afterTheResume.isEmpty()) {
            world.resumeImageAutomation(WRITER);
            afterTheResume.add(false);
          } else if (!afterTheResume.isEmpty() && afterTheResume.size() < 3) {
            afterTheResume.add(world.imageAutomationSuspended(WRITER));
          }
        });

    assertThat(afterTheResume).as("held again at the next step").containsExactly(false, true, true);
  }

  @Test
  void aRollbackLeavesAnAutomationSomeonePausedBeforeTheUpgradeToThem()
      throws InterruptedException {
    ObjectRef paused = ObjectRef.of("flux-system", "shop-nightly");
    world.withImageAutomation(
        ImageAutomation.builder().from(automation(paused, "./apps")).suspended(true).build());
    world.broken("16.0.0");

    OperationState failed = upgrade("16.0.0");
    OperationState rolledBack = operations.rollback("undo", failed, step -> {});

    assertThat(failed.imageAutomations()).containsExactly(WRITER);
    assertThat(rolledBack.imageAutomations()).containsExactly(WRITER);
  }
}
