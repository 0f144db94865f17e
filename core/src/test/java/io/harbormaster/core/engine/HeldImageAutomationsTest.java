package io.harbormaster.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.automation.ImageAutomation;
import io.harbormaster.core.automation.ImagePolicyChoice;
import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.RepositoryUrl;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.simulation.InMemoryWorld;
import io.harbormaster.core.simulation.SampleApp;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * After a rollback held the app's image automation, the hold is what the newest completed rollback
 * left suspended; releasing it keeps the undone tag out of the app's ImagePolicy first.
 */
class HeldImageAutomationsTest {
  private static final ObjectRef WRITER = ObjectRef.of("flux-system", "shop-images");
  private static final ObjectRef POLICY = ObjectRef.of("flux-system", "shop");

  private final ManagedApp app = tracked(SampleApp.app(), "flux-system:shop");
  private final InMemoryWorld world =
      SampleApp.world(app)
          .withImageAutomation(
              ImageAutomation.builder()
                  .ref(WRITER)
                  .source(ObjectRef.of("flux-system", "fleet"))
                  .repository(RepositoryUrl.parse(app.git().repository()))
                  .sourceBranch("main")
                  .updatePath("./apps/shop")
                  .build())
          .withImagePolicy(
              ImagePolicyChoice.builder()
                  .ref(POLICY)
                  .semverRange(">=15.0.0")
                  .latestTag("16.0.0")
                  .build());
  private final Operations operations = new Operations(app, world);
  private final HeldImageAutomations held = new HeldImageAutomations(world.ports());
  private OperationState upgrade;
  private OperationState rollback;

  private static ManagedApp tracked(ManagedApp app, String policy) {
    return ManagedApp.builder()
        .from(app)
        .git(GitLocation.builder().from(app.git()).imagePolicy(policy).build())
        .build();
  }

  /** A failed upgrade to 16.0.0, rolled back: the automation is held. */
  @BeforeEach
  void rollBackABrokenUpgrade() throws InterruptedException {
    world.broken("16.0.0");
    upgrade = operations.upgrade("to-16", "16.0.0", step -> {});
    rollback = operations.rollback("to-16-rollback", upgrade, step -> {});
    assertThat(rollback.phase()).isEqualTo(Phase.COMPLETED);
  }

  private Optional<HeldImageAutomations.Hold> hold(ManagedApp of) {
    return held.of(of, List.of(upgrade, rollback), Optional.empty());
  }

  @Test
  void theHoldNamesTheAutomationTheRollbackAndTheTagItUndid() {
    HeldImageAutomations.Hold hold = hold(app).orElseThrow();

    assertThat(hold.automations()).containsExactly(WRITER);
    assertThat(hold.undoneTags()).containsExactly("16.0.0");
    assertThat(hold.by()).isEqualTo(rollback.id());
    assertThat(hold.describe(app))
        .contains("stays suspended since rollback to-16-rollback undid 16.0.0")
        .contains("hm resume-automation postgres -n shop");
  }

  @Test
  void releasingNarrowsTheRangeFirstAndResumesOnceThePolicyHasPickedAnotherTag() {
    HeldImageAutomations.Released narrowed = held.release(app, hold(app).orElseThrow());
    HeldImageAutomations.Released early = held.release(app, hold(app).orElseThrow());
    // image-reflector-controller picks again under the narrowed range.
    world.withImagePolicy(
        ImagePolicyChoice.builder().from(world.imagePolicy(POLICY)).latestTag("15.1.0").build());
    HeldImageAutomations.Released resumed = held.release(app, hold(app).orElseThrow());

    assertThat(narrowed.progress()).isEqualTo(HeldImageAutomations.Progress.NARROWED);
    assertThat(narrowed.message())
        .startsWith(
            "ImagePolicy flux-system/shop's semver range '>=15.0.0' is now '>=15.0.0, !=16.0.0'");
    assertThat(early.progress())
        .as("the policy still picks the undone tag")
        .isEqualTo(HeldImageAutomations.Progress.NARROWED);
    assertThat(resumed.progress()).isEqualTo(HeldImageAutomations.Progress.RESUMED);
    assertThat(world.imagePolicy(POLICY).semverRange()).contains(">=15.0.0, !=16.0.0");
    assertThat(world.imageAutomationSuspended(WRITER)).isFalse();
    assertThat(hold(app)).as("nothing suspended is left to hold").isEmpty();
  }

  @Test
  void aHoldReleasedBeforeIsNotHeldAgainWhenSomeonePausesTheAutomationLater() {
    world.resumeImageAutomation(WRITER);
    world.suspendImageAutomation(WRITER);

    assertThat(held.of(app, List.of(upgrade, rollback), Optional.of(rollback.id()))).isEmpty();
    assertThat(hold(app)).as("not released yet").isPresent();
  }

  @Test
  void withoutTheAppsImagePolicyNothingIsResumedAndTheLineSaysWhatToSet() {
    ManagedApp untracked = SampleApp.app();

    HeldImageAutomations.Released released = held.release(untracked, hold(untracked).orElseThrow());

    assertThat(released.progress()).isEqualTo(HeldImageAutomations.Progress.REFUSED);
    assertThat(released.message()).startsWith("spec.git.imagePolicy is not set");
    assertThat(world.imageAutomationSuspended(WRITER)).isTrue();
    assertThat(world.imagePolicy(POLICY).semverRange()).contains(">=15.0.0");
  }

  @Test
  void nothingIsHeldWhileAnOperationOfTheAppRunsNorByADryRun() {
    OperationState running = rollback.with(b -> b.phase(Phase.RECONCILE).settled(false));
    OperationState dryRun =
        rollback.with(
            b ->
                b.addHistory(
                    io.harbormaster.core.operation.PhaseRecord.of(
                        Phase.DRY_RUN,
                        rollback.phaseStartedAt(),
                        rollback.phaseStartedAt(),
                        "plan")));

    assertThat(held.of(app, List.of(upgrade, running), Optional.empty())).isEmpty();
    assertThat(held.of(app, List.of(dryRun), Optional.empty())).isEmpty();
  }

  @Test
  void aFailedUpgradeWhoseRollbackNeverRanStillHoldsItsAutomations() {
    HeldImageAutomations.Hold hold = held.of(app, List.of(upgrade), Optional.empty()).orElseThrow();

    assertThat(hold.by()).isEqualTo(upgrade.id());
    assertThat(hold.undoneTags()).containsExactly("16.0.0");
  }
}
