package io.harbormaster.core.sizing;

import static io.harbormaster.core.sizing.SizingPolicy.GI;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.ObjectRef;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Over random policies and random usage traces, each growth applied as the planner decides it (the
 * resize shows at once): a PVC never shrinks, never passes the limit, the budget is never
 * overspent, and the same inputs give the same decision.
 */
class SizingPlannerProperties {
  private static final ObjectRef PVC = ObjectRef.of("db", "data");
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** One moment of a trace: hours since the last, and how full the volume is (per mille). */
  record Tick(int hours, int perMille) {}

  @Provide
  Arbitrary<SizingPolicy> policies() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 40),
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(5, 50),
            Arbitraries.integers().between(0, 20),
            Arbitraries.integers().between(1, 6),
            Arbitraries.integers().between(0, 6))
        .as(
            (extra, step, buffer, above, actions, reserved) ->
                SizingPolicy.builder()
                    .requestBytes(10 * GI)
                    .limitBytes((10L + extra) * GI)
                    .stepBytes(step * GI)
                    .targetBufferPercent(buffer)
                    .criticalThresholdPercent(Math.min(100, 100 - buffer + 1 + above))
                    .maxActionsPerDay(actions)
                    .reservedForEmergency(Math.min(reserved, actions))
                    .minimumInterval(Duration.ofHours(2))
                    .build());
  }

  @Provide
  Arbitrary<List<Tick>> traces() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 6), Arbitraries.integers().between(0, 1000))
        .as(Tick::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(60);
  }

  @Property
  void neverShrinksNeverPassesTheLimitNeverOverspendsAndDecidesTheSameTwice(
      @ForAll("policies") SizingPolicy policy, @ForAll("traces") List<Tick> trace) {
    long capacity = policy.requestBytes();
    ActionLedger ledger = ActionLedger.empty();
    Instant now = START;
    for (Tick tick : trace) {
      now = now.plus(Duration.ofHours(tick.hours()));
      VolumeState volume =
          VolumeState.builder()
              .pvc(PVC)
              .uid("uid-" + PVC.name())
              .capacityBytes(capacity)
              .requestedBytes(capacity)
              .usage(
                  VolumeUsage.builder()
                      .usedBytes(capacity / 1000 * tick.perMille())
                      .filesystemBytes(capacity / 100 * 95)
                      .measuredAt(now)
                      .build())
              .build();
      int hour = now.atZone(ZoneOffset.UTC).getHour();
      WindowState window = new WindowState(hour >= 3 && hour < 5, Optional.empty());

      SizingDecision decision = SizingPlanner.decide(policy, volume, ledger, window, now);

      assertThat(SizingPlanner.decide(policy, volume, ledger, window, now)).isEqualTo(decision);
      if (decision instanceof SizingDecision.Grow grow) {
        assertThat(grow.toBytes()).isGreaterThan(capacity).isLessThanOrEqualTo(policy.limitBytes());
        if (grow.kind() == GrowthKind.PLANNED) {
          assertThat(window.open()).isTrue();
        }
        ledger =
            ledger.with(
                Growth.builder()
                    .pvc(PVC)
                    .pvcUid("uid-" + (PVC).name())
                    .at(now)
                    .kind(grow.kind())
                    .fromBytes(capacity)
                    .toBytes(grow.toBytes())
                    .fromFilesystemBytes(capacity / 100 * 95)
                    .build());
        capacity = grow.toBytes();
      }
      assertThat(ledger.spentSince(now)).isLessThanOrEqualTo(policy.maxActionsPerDay());
      assertThat(capacity)
          .isLessThanOrEqualTo(Math.max(policy.limitBytes(), policy.requestBytes()));
    }
  }

  @Property
  void plannedGrowthsNeverTouchThePartKeptForEmergencies(
      @ForAll("policies") SizingPolicy policy, @ForAll("traces") List<Tick> trace) {
    ActionLedger ledger = ActionLedger.empty();
    Instant now = START;
    int volumes = 0;
    for (Tick tick : trace) {
      now = now.plus(Duration.ofHours(tick.hours()));
      if (ledger.left(policy, GrowthKind.PLANNED, now) > 0) {
        ledger =
            ledger.with(
                Growth.builder()
                    .pvc(ObjectRef.of("db", "pvc-" + volumes++))
                    .pvcUid("uid-" + (ObjectRef.of("db", "pvc-" + volumes++)).name())
                    .at(now)
                    .kind(GrowthKind.PLANNED)
                    .fromBytes(1)
                    .toBytes(2)
                    .fromFilesystemBytes(1)
                    .build());
      }
      assertThat(ledger.spentSince(now))
          .isLessThanOrEqualTo(policy.maxActionsPerDay() - policy.reservedForEmergency());
    }
  }

  /**
   * No flapping: a PVC whose usage stays the same over a day of passes (every 15 minutes, the
   * resize showing at the next pass) grows at most once; the growth restores the buffer for good.
   * Fewer tries than the others: each is a day of decisions, and mutation testing runs it often.
   */
  @Property(tries = 200)
  void aSteadyUsageGrowsAPvcAtMostOnceADay(
      @ForAll("policies") SizingPolicy policy,
      @ForAll @IntRange(min = 0, max = 1000) int perMilleOfTheRequest) {
    long used = policy.requestBytes() / 1000 * perMilleOfTheRequest;
    long capacity = policy.requestBytes();
    ActionLedger ledger = ActionLedger.empty();
    int growths = 0;
    for (Instant now = START;
        now.isBefore(START.plus(ActionLedger.DAY));
        now = now.plus(Duration.ofMinutes(15))) {
      VolumeState volume =
          VolumeState.builder()
              .pvc(PVC)
              .uid("uid-" + PVC.name())
              .capacityBytes(capacity)
              .requestedBytes(capacity)
              .usage(
                  VolumeUsage.builder()
                      .usedBytes(used)
                      .filesystemBytes(capacity / 100 * 97)
                      .measuredAt(now)
                      .build())
              .build();
      SizingDecision decision =
          SizingPlanner.decide(policy, volume, ledger, WindowState.alwaysOpen(), now);
      if (decision instanceof SizingDecision.Grow grow) {
        growths++;
        ledger =
            ledger.with(
                Growth.builder()
                    .pvc(PVC)
                    .pvcUid("uid-" + PVC.name())
                    .at(now)
                    .kind(grow.kind())
                    .fromBytes(capacity)
                    .toBytes(grow.toBytes())
                    .fromFilesystemBytes(capacity / 100 * 97)
                    .build());
        capacity = grow.toBytes();
      }
    }
    assertThat(growths).as("growths in a day of the same usage").isLessThanOrEqualTo(1);
  }
}
