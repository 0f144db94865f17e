package io.harbormaster.core.snapshot;

import static io.harbormaster.core.snapshot.Snapshots.NOW;
import static io.harbormaster.core.snapshot.Snapshots.of;
import static io.harbormaster.core.snapshot.Snapshots.operation;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.port.SnapshotRecord;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrphanSnapshotRuleTest {
  @Test
  void reportsSnapshotsWhoseOperationIsGone() {
    SnapshotRecord kept = of("up-1", "data", NOW);
    SnapshotRecord orphanWal = of("up-2", "wal", NOW);
    SnapshotRecord orphanData = of("up-2", "data", NOW);

    assertThat(
            OrphanSnapshotRule.orphans(
                List.of(orphanWal, kept, orphanData), Set.of(operation("up-1"))))
        .containsExactly(orphanData, orphanWal);
  }

  @Test
  void noOrphansWhenEveryOperationIsKnown() {
    assertThat(
            OrphanSnapshotRule.orphans(List.of(of("up-1", "data", NOW)), Set.of(operation("up-1"))))
        .isEmpty();
  }
}
