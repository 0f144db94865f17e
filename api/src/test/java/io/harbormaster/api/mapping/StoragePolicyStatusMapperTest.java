package io.harbormaster.api.mapping;

import static io.harbormaster.core.sizing.SizingPolicy.GI;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.api.crd.StoragePolicyStatus;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.sizing.ActionLedger;
import io.harbormaster.core.sizing.Growth;
import io.harbormaster.core.sizing.GrowthKind;
import io.harbormaster.core.sizing.SizingPolicy;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The status is the budget's ledger: what one operator wrote, the next reads back the same. */
class StoragePolicyStatusMapperTest {
  private static final Instant NOW = Instant.parse("2026-11-28T03:30:00Z");

  private static Growth growth(String pvc, GrowthKind kind, Instant at) {
    return Growth.builder()
        .pvc(ObjectRef.of("db", pvc))
        .pvcUid("uid-" + pvc)
        .at(at)
        .kind(kind)
        .fromBytes(10 * GI)
        .toBytes(12 * GI)
        .fromFilesystemBytes(9 * GI)
        .build();
  }

  @Test
  void theLedgerSurvivesAStatusRoundTrip() {
    ActionLedger ledger =
        ActionLedger.builder()
            .addGrowth(growth("data-0", GrowthKind.PLANNED, NOW.minusSeconds(3600)))
            .addGrowth(growth("data-1", GrowthKind.EMERGENCY, NOW))
            .build();
    StoragePolicyStatus status =
        StoragePolicyStatus.NONE.withGrowths(StoragePolicyStatusMapper.growths(ledger));

    assertThat(StoragePolicyStatusMapper.ledger(status, "db")).isEqualTo(ledger);
  }

  @Test
  void noStatusIsAnEmptyLedger() {
    assertThat(StoragePolicyStatusMapper.ledger(null, "db").growths()).isEmpty();
    assertThat(StoragePolicyStatusMapper.ledger(StoragePolicyStatus.NONE, "db").growths())
        .isEmpty();
  }

  @Test
  void theBudgetCountsTheLast24Hours() {
    SizingPolicy policy =
        SizingPolicy.builder()
            .requestBytes(GI)
            .limitBytes(100 * GI)
            .maxActionsPerDay(4)
            .reservedForEmergency(1)
            .build();
    ActionLedger ledger =
        ActionLedger.builder()
            .addGrowth(growth("data-0", GrowthKind.PLANNED, NOW.minusSeconds(25 * 3600)))
            .addGrowth(growth("data-1", GrowthKind.PLANNED, NOW.minusSeconds(3600)))
            .addGrowth(growth("data-2", GrowthKind.EMERGENCY, NOW))
            .build();

    StoragePolicyStatus.Budget budget = StoragePolicyStatusMapper.budget(policy, ledger, NOW);

    assertThat(budget.spent()).isEqualTo(2);
    assertThat(budget.left()).isEqualTo(2);
    assertThat(budget.leftForPlanned()).isEqualTo(1);
  }
}
