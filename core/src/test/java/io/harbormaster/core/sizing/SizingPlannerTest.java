package io.harbormaster.core.sizing;

import static io.harbormaster.core.sizing.SizingPolicy.GI;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.ObjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One decision per rule, each line of the reference system's test report among them. */
class SizingPlannerTest {
  private static final ObjectRef PVC = ObjectRef.of("db", "data-pg-0");
  private static final Instant NOW = Instant.parse("2026-11-28T03:30:00Z");
  private static final WindowState OPEN = WindowState.alwaysOpen();
  private static final WindowState CLOSED =
      new WindowState(false, Optional.of(Instant.parse("2026-11-29T03:00:00Z")));

  private final SizingPolicy policy =
      SizingPolicy.builder().requestBytes(10 * GI).limitBytes(20 * GI).build();

  private static VolumeState volume(long capacity, long used) {
    return volume(capacity, used, capacity);
  }

  private static VolumeState volume(long capacity, long used, long filesystem) {
    return VolumeState.builder()
        .pvc(PVC)
        .uid("uid-" + PVC.name())
        .capacityBytes(capacity)
        .requestedBytes(capacity)
        .usage(
            VolumeUsage.builder()
                .usedBytes(used)
                .filesystemBytes(filesystem)
                .measuredAt(NOW)
                .build())
        .build();
  }

  private SizingDecision decide(VolumeState volume, ActionLedger ledger, WindowState window) {
    return SizingPlanner.decide(policy, volume, ledger, window, NOW);
  }

  private static Growth growth(Instant at, long from, long to, long filesystem) {
    return Growth.builder()
        .pvc(PVC)
        .pvcUid("uid-" + (PVC).name())
        .at(at)
        .kind(GrowthKind.PLANNED)
        .fromBytes(from)
        .toBytes(to)
        .fromFilesystemBytes(filesystem)
        .build();
  }

  @Test
  void aPvcSmallerThanTheRequestGrowsToItAsAPlannedGrowth() {
    SizingDecision decision = decide(volume(4 * GI, GI), ActionLedger.empty(), OPEN);

    assertThat(decision)
        .isEqualTo(
            new SizingDecision.Grow(
                10 * GI, GrowthKind.PLANNED, "1Gi of 4Gi used, below the policy's request 10Gi"));
    assertThat(decide(volume(4 * GI, GI), ActionLedger.empty(), CLOSED))
        .isInstanceOf(SizingDecision.Queued.class);
  }

  @Test
  void aPvcRestoredSmallerThanThePolicyHadGrownItGrowsBack() {
    Growth ofTheOldPvc =
        Growth.builder()
            .from(growth(NOW.minus(Duration.ofDays(3)), 14 * GI, 16 * GI, 13 * GI))
            .pvcUid("uid-before-the-restore")
            .build();
    ActionLedger ledger = ActionLedger.builder().addGrowth(ofTheOldPvc).build();

    assertThat(decide(volume(14 * GI, 8 * GI), ledger, OPEN))
        .isEqualTo(
            new SizingDecision.Grow(
                16 * GI,
                GrowthKind.PLANNED,
                "8Gi of 14Gi used, made again smaller than the 16Gi the policy had grown it to"));
  }

  @Test
  void enoughFreeSpaceIsSteady() {
    assertThat(decide(volume(10 * GI, 7 * GI), ActionLedger.empty(), OPEN))
        .isInstanceOf(SizingDecision.Steady.class);
  }

  @Test
  void underTheBufferItGrowsToTheSmallestMultipleOfTheStepThatRestoresIt() {
    // 8.5Gi used of 10Gi: 20 % free needs 8.5 / 0.8 = 10.625Gi, so 11Gi.
    SizingDecision decision = decide(volume(10 * GI, 17 * GI / 2), ActionLedger.empty(), OPEN);

    assertThat(decision).isInstanceOf(SizingDecision.Grow.class);
    SizingDecision.Grow grow = (SizingDecision.Grow) decision;
    assertThat(grow.toBytes()).isEqualTo(11 * GI);
    assertThat(grow.kind()).isEqualTo(GrowthKind.PLANNED);
    assertThat(grow.why()).isEqualTo("8.5Gi of 10Gi used, under the 20 % buffer");
  }

  @Test
  void theGrowthIsMeasuredAgainstThePvcsCapacityNotTheFilesystemsSize() {
    // The filesystem reports 9.3Gi of a 10Gi PVC (its own overhead): the buffer and the new size
    // come from the 10Gi.
    SizingDecision decision =
        decide(volume(10 * GI, 17 * GI / 2, 93 * GI / 10), ActionLedger.empty(), OPEN);

    assertThat(((SizingDecision.Grow) decision).toBytes()).isEqualTo(11 * GI);
  }

  @Test
  void pastTheThresholdOrUnderTheMinimumFreeItGrowsAtOnceOutsideTheWindow() {
    SizingDecision threshold = decide(volume(10 * GI, 96 * GI / 10), ActionLedger.empty(), CLOSED);
    SizingPolicy roomy =
        SizingPolicy.builder()
            .requestBytes(100 * GI)
            .limitBytes(400 * GI)
            .targetBufferPercent(1)
            .criticalThresholdPercent(100)
            .criticalMinimumFreeBytes(2 * GI)
            .build();
    SizingDecision minimumFree =
        SizingPlanner.decide(
            roomy, volume(100 * GI, 985 * GI / 10), ActionLedger.empty(), CLOSED, NOW);

    assertThat(threshold)
        .isEqualTo(
            new SizingDecision.Grow(
                12 * GI,
                GrowthKind.EMERGENCY,
                "9.6Gi of 10Gi used, past the critical line: grows at once"));
    assertThat(((SizingDecision.Grow) minimumFree).toBytes())
        .as("98.5Gi used: 2Gi free takes 100.5Gi, so 101Gi")
        .isEqualTo(101 * GI);
  }

  @Test
  void aPlannedGrowthWaitsForTheWindow() {
    SizingDecision decision = decide(volume(10 * GI, 17 * GI / 2), ActionLedger.empty(), CLOSED);

    assertThat(decision)
        .isEqualTo(
            new SizingDecision.Queued(
                11 * GI,
                GrowthKind.PLANNED,
                CLOSED.nextOpening(),
                "8.5Gi of 10Gi used, under the 20 % buffer; waits for the maintenance window"));
  }

  @Test
  void nearTheLimitItGrowsToTheLimitAndAtTheLimitNoMore() {
    SizingDecision clamped = decide(volume(19 * GI, 18 * GI), ActionLedger.empty(), OPEN);
    SizingDecision atLimit = decide(volume(20 * GI, 19 * GI), ActionLedger.empty(), OPEN);

    assertThat(((SizingDecision.Grow) clamped).toBytes()).isEqualTo(20 * GI);
    assertThat(atLimit).isInstanceOf(SizingDecision.AtLimit.class);
    assertThat(atLimit.why()).isEqualTo("19Gi of 20Gi used, at the limit 20Gi");
  }

  @Test
  void thePlannedBudgetLeavesTheReservedGrowthsToEmergencies() {
    ActionLedger threeToday = ActionLedger.empty();
    for (int i = 1; i <= 3; i++) {
      threeToday =
          threeToday.with(
              Growth.builder()
                  .from(growth(NOW.minus(Duration.ofHours(i)), 1, 2, 1))
                  .pvc(ObjectRef.of("db", "other-" + i))
                  .build());
    }

    SizingDecision planned = decide(volume(10 * GI, 17 * GI / 2), threeToday, OPEN);
    SizingDecision emergency = decide(volume(10 * GI, 96 * GI / 10), threeToday, OPEN);

    assertThat(planned).isInstanceOf(SizingDecision.Queued.class);
    assertThat(planned.why())
        .endsWith("the budget is spent: 3 of 4 growths in the last 24 h (1 kept for emergencies)");
    assertThat(((SizingDecision.Queued) planned).until())
        .as("when the oldest leaves the 24 hours")
        .contains(NOW.minus(Duration.ofHours(3)).plus(Duration.ofHours(24)));
    assertThat(emergency).isInstanceOf(SizingDecision.Grow.class);
  }

  @Test
  void afterAGrowthThePvcWaitsUntilItsFilesystemShowsItAndTheMinimumIntervalHasPassed() {
    Instant grew = NOW.minus(Duration.ofHours(1));
    ActionLedger ledger = ActionLedger.empty().with(growth(grew, 10 * GI, 11 * GI, 93 * GI / 10));

    SizingDecision notShown = decide(volume(11 * GI, 102 * GI / 10, 93 * GI / 10), ledger, OPEN);
    SizingDecision tooSoon = decide(volume(11 * GI, 102 * GI / 10, 103 * GI / 10), ledger, OPEN);
    SizingDecision later =
        SizingPlanner.decide(
            policy,
            volume(11 * GI, 102 * GI / 10, 103 * GI / 10),
            ledger,
            OPEN,
            grew.plus(Duration.ofHours(6)));

    assertThat(notShown).isInstanceOf(SizingDecision.Waiting.class);
    assertThat(notShown.why()).contains("has not shown the growth to 11Gi yet");
    assertThat(tooSoon).isInstanceOf(SizingDecision.Queued.class);
    assertThat(((SizingDecision.Queued) tooSoon).until()).contains(grew.plus(Duration.ofHours(6)));
    assertThat(tooSoon.why()).endsWith("; its last resize was less than 6h ago");
    assertThat(later).isInstanceOf(SizingDecision.Grow.class);
  }

  @Test
  void aPvcCreatedAgainUnderTheSameNameIsNotHeldByTheGrowthOfTheOldOne() {
    ActionLedger ledger =
        ActionLedger.empty()
            .with(growth(NOW.minus(Duration.ofHours(1)), 10 * GI, 11 * GI, 93 * GI / 10));
    VolumeState recreated =
        VolumeState.builder().from(volume(10 * GI, 17 * GI / 2, 9 * GI)).uid("another-uid").build();

    assertThat(decide(recreated, ledger, OPEN)).isInstanceOf(SizingDecision.Grow.class);
  }

  @Test
  void unknownUsageIsShownAndNeverActedOn() {
    VolumeState unknown =
        VolumeState.builder()
            .pvc(PVC)
            .uid("uid-" + PVC.name())
            .capacityBytes(10 * GI)
            .requestedBytes(10 * GI)
            .usageUnknownBecause("no pod mounts it")
            .build();

    assertThat(decide(unknown, ActionLedger.empty(), OPEN))
        .isEqualTo(new SizingDecision.UsageUnknown("usage unknown: no pod mounts it"));
  }

  @Test
  void aResizeUnderWayOrAVolumeThatCannotGrowWaits() {
    VolumeState resizing =
        VolumeState.builder().from(volume(10 * GI, 9 * GI)).requestedBytes(11 * GI).build();
    VolumeState lost =
        VolumeState.builder().from(volume(10 * GI, 9 * GI)).notGrowable("Lost").build();

    assertThat(decide(resizing, ActionLedger.empty(), OPEN))
        .isEqualTo(new SizingDecision.Waiting("a resize to 11Gi is under way"));
    assertThat(decide(lost, ActionLedger.empty(), OPEN))
        .isEqualTo(new SizingDecision.NotGrowable("Lost"));
  }
}
