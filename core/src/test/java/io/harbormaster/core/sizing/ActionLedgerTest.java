package io.harbormaster.core.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.ObjectRef;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ActionLedgerTest {
  private static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
  private static final SizingPolicy POLICY =
      SizingPolicy.builder().requestBytes(SizingPolicy.GI).limitBytes(10 * SizingPolicy.GI).build();

  private static Growth growth(String pvc, Duration ago, GrowthKind kind) {
    return Growth.builder()
        .pvc(ObjectRef.of("db", pvc))
        .pvcUid("uid-" + (ObjectRef.of("db", pvc)).name())
        .at(NOW.minus(ago))
        .kind(kind)
        .fromBytes(1)
        .toBytes(2)
        .fromFilesystemBytes(1)
        .build();
  }

  @Test
  void theBudgetIsARolling24HourCountNotACounterResetAtMidnight() {
    ActionLedger ledger =
        ActionLedger.empty()
            .with(growth("a", Duration.ofHours(25), GrowthKind.PLANNED))
            .with(growth("b", Duration.ofHours(23), GrowthKind.PLANNED))
            .with(growth("c", Duration.ofHours(1), GrowthKind.EMERGENCY));

    assertThat(ledger.spentSince(NOW)).isEqualTo(2);
    assertThat(ledger.left(POLICY, GrowthKind.PLANNED, NOW)).isEqualTo(1);
    assertThat(ledger.left(POLICY, GrowthKind.EMERGENCY, NOW)).isEqualTo(2);
    assertThat(ledger.nextFreedAt(POLICY, GrowthKind.PLANNED, NOW))
        .as("the planned cap (3) is not reached")
        .isEmpty();
  }

  @Test
  void aPlannedGrowthWaitsForAsManyGrowthsToLeaveAsTheEmergenciesTookFromTheReserve() {
    ActionLedger ledger = ActionLedger.empty();
    for (int hours = 4; hours >= 1; hours--) {
      ledger = ledger.with(growth("pvc-" + hours, Duration.ofHours(hours), GrowthKind.EMERGENCY));
    }

    assertThat(ledger.left(POLICY, GrowthKind.PLANNED, NOW)).isZero();
    assertThat(ledger.nextFreedAt(POLICY, GrowthKind.PLANNED, NOW))
        .as("4 counted, 3 allowed: the two oldest must leave")
        .contains(NOW.minus(Duration.ofHours(3)).plus(Duration.ofHours(24)));
    assertThat(ledger.nextFreedAt(POLICY, GrowthKind.EMERGENCY, NOW))
        .contains(NOW.minus(Duration.ofHours(4)).plus(Duration.ofHours(24)));
  }

  @Test
  void growthsTheBudgetNoLongerCountsAreDroppedButEachPvcsNewestIsKept() {
    ActionLedger ledger =
        ActionLedger.empty()
            .with(growth("a", Duration.ofHours(50), GrowthKind.PLANNED))
            .with(growth("a", Duration.ofHours(30), GrowthKind.PLANNED))
            .with(growth("b", Duration.ofHours(40), GrowthKind.PLANNED))
            .with(growth("c", Duration.ZERO, GrowthKind.PLANNED));

    assertThat(ledger.growths())
        .extracting(growth -> growth.pvc().name() + "@" + growth.at())
        .containsExactlyInAnyOrder(
            "a@" + NOW.minus(Duration.ofHours(30)),
            "b@" + NOW.minus(Duration.ofHours(40)),
            "c@" + NOW);
    assertThat(ledger.lastOf(ObjectRef.of("db", "a")).orElseThrow().at())
        .isEqualTo(NOW.minus(Duration.ofHours(30)));
    assertThat(ledger.spentSince(NOW)).isEqualTo(1);
  }
}
