package io.harbormaster.core.snapshot;

import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.port.SnapshotRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Finds snapshots whose operation request no longer exists. They are reported, not deleted: without
 * the request nobody can roll back to them, but the data may still matter to a human.
 */
public final class OrphanSnapshotRule {
  private OrphanSnapshotRule() {}

  /** The snapshots whose operation is not in {@code knownOperations}, sorted by snapshot. */
  public static List<SnapshotRecord> orphans(
      List<SnapshotRecord> snapshots, Set<ObjectRef> knownOperations) {
    return snapshots.stream()
        .filter(snapshot -> !knownOperations.contains(snapshot.operation()))
        .sorted(Comparator.comparing(SnapshotRecord::snapshot))
        .toList();
  }
}
