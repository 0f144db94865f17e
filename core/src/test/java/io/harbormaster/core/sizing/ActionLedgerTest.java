package io.harbormaster.core.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.ObjectRef;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ActionLedgerTest {
  private static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
  private static final SizingPolicy POLICY =
      SizingPolicy.builder().requestBytes(1).limitBytes(10).build();

  private static Growth growth(String pvc, Duration ago, GrowthKind kind) {
    return Growth.builder()
        .pvc(ObjectRef.of("db", pvc))
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
    assertThat(ledger.nextFreedAt(NOW)).contains(NOW.plus(Duration.ofHours(1)));
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
