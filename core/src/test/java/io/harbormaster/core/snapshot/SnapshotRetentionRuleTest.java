package io.harbormaster.core.snapshot;

import static io.harbormaster.core.snapshot.Snapshots.NOW;
import static io.harbormaster.core.snapshot.Snapshots.of;
import static io.harbormaster.core.snapshot.Snapshots.operation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.SnapshotRetention;
import io.harbormaster.core.port.SnapshotRecord;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnapshotRetentionRuleTest {
  private static final SnapshotRetention KEEP_TWO = SnapshotRetention.builder().maxCount(2).build();

  private final SnapshotRecord oldestData = of("up-1", "data", NOW.minus(Duration.ofDays(3)));
  private final SnapshotRecord oldestWal = of("up-1", "wal", NOW.minus(Duration.ofDays(3)));
  private final SnapshotRecord middle = of("up-2", "data", NOW.minus(Duration.ofDays(2)));
  private final SnapshotRecord newest = of("up-3", "data", NOW.minus(Duration.ofDays(1)));
  private final List<SnapshotRecord> all = List.of(newest, oldestWal, middle, oldestData);

  @Test
  void dropsWholeOperationsBeyondMaxCount() {
    assertThat(SnapshotRetentionRule.toDelete(all, KEEP_TWO, Set.of(), NOW))
        .containsExactly(oldestData, oldestWal);
  }

  @Test
  void dropsOperationsOlderThanMaxAgeEvenWithinMaxCount() {
    SnapshotRetention retention =
        SnapshotRetention.builder().maxCount(10).maxAge(Duration.ofHours(36)).build();

    assertThat(SnapshotRetentionRule.toDelete(all, retention, Set.of(), NOW))
        .containsExactly(oldestData, oldestWal, middle);
  }

  @Test
  void anOperationIsAsYoungAsItsYoungestSnapshot() {
    SnapshotRecord lateWal = of("up-1", "wal", NOW.minus(Duration.ofHours(1)));
    SnapshotRetention retention =
        SnapshotRetention.builder().maxCount(10).maxAge(Duration.ofDays(1)).build();

    assertThat(
            SnapshotRetentionRule.toDelete(List.of(oldestData, lateWal), retention, Set.of(), NOW))
        .isEmpty();
  }

  @Test
  void neverDeletesWhatAnUnfinishedRollbackNeeds() {
    SnapshotRetention retention =
        SnapshotRetention.builder().maxCount(1).maxAge(Duration.ofHours(1)).build();

    assertThat(SnapshotRetentionRule.toDelete(all, retention, Set.of(operation("up-1")), NOW))
        .containsExactly(middle, newest);
  }

  @Test
  void keepsEverythingWithinLimits() {
    assertThat(SnapshotRetentionRule.toDelete(List.of(newest, middle), KEEP_TWO, Set.of(), NOW))
        .isEmpty();
    assertThat(SnapshotRetentionRule.toDelete(List.of(), KEEP_TWO, Set.of(), NOW)).isEmpty();
  }

  @Test
  void refusesSnapshotsOfSeveralApps() {
    SnapshotRecord otherApp =
        SnapshotRecord.builder().from(newest).app(ObjectRef.of("web", "shop")).build();

    assertThatThrownBy(
            () ->
                SnapshotRetentionRule.toDelete(List.of(middle, otherApp), KEEP_TWO, Set.of(), NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("db/up-3-data")
        .hasMessageContaining("web/shop")
        .hasMessageContaining("list the snapshots per app");
  }
}
