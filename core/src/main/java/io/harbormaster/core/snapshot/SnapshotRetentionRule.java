package io.harbormaster.core.snapshot;

import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.SnapshotRetention;
import io.harbormaster.core.port.SnapshotRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Decides which of one app's snapshots to delete: the newest {@code maxCount} operations stay
 * unless older than {@code maxAge}; the rest go. Snapshots an unfinished rollback still needs
 * always stay, whatever their rank or age, because deleting them would leave that rollback nothing
 * to restore.
 */
public final class SnapshotRetentionRule {
  private SnapshotRetentionRule() {}

  /**
   * @param snapshots every snapshot listed for the app
   * @param neededByRollback operation request refs whose snapshots an unfinished rollback restores
   * @return the snapshots to delete, sorted by snapshot
   * @throws IllegalArgumentException when the snapshots belong to more than one app
   */
  public static List<SnapshotRecord> toDelete(
      List<SnapshotRecord> snapshots,
      SnapshotRetention retention,
      Set<ObjectRef> neededByRollback,
      Instant now) {
    requireOneApp(snapshots);
    List<OperationSnapshots> newestFirst = OperationSnapshots.group(snapshots);
    List<SnapshotRecord> doomed = new ArrayList<>();
    for (int rank = 0; rank < newestFirst.size(); rank++) {
      OperationSnapshots restorePoint = newestFirst.get(rank);
      boolean retained = rank < retention.maxCount() && !expired(restorePoint, retention, now);
      if (!retained && !neededByRollback.contains(restorePoint.operation())) {
        doomed.addAll(restorePoint.snapshots());
      }
    }
    doomed.sort(Comparator.comparing(SnapshotRecord::snapshot));
    return List.copyOf(doomed);
  }

  private static boolean expired(
      OperationSnapshots restorePoint, SnapshotRetention retention, Instant now) {
    return retention
        .maxAge()
        .map(maxAge -> restorePoint.takenAt().plus(maxAge).isBefore(now))
        .orElse(false);
  }

  private static void requireOneApp(List<SnapshotRecord> snapshots) {
    if (snapshots.isEmpty()) {
      return;
    }
    ObjectRef app = snapshots.get(0).app();
    for (SnapshotRecord snapshot : snapshots) {
      if (!snapshot.app().equals(app)) {
        throw new IllegalArgumentException(
            "retention applies to one app at a time, but snapshot "
                + snapshot.snapshot()
                + " belongs to app "
                + snapshot.app()
                + " and snapshot "
                + snapshots.get(0).snapshot()
                + " to app "
                + app
                + ": list the snapshots per app");
      }
    }
  }
}
