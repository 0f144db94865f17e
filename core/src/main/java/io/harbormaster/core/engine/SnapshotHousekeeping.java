package io.harbormaster.core.engine;

import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.port.SnapshotRecord;
import io.harbormaster.core.port.VolumeSnapshots;
import io.harbormaster.core.snapshot.OrphanSnapshotRule;
import io.harbormaster.core.snapshot.SnapshotRetentionRule;
import io.harbormaster.core.tenancy.Tenancy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Applies an app's snapshot retention and reports orphans: what the shells run after an operation
 * ends and on their periodic look at an app.
 */
public final class SnapshotHousekeeping {
  /** What one pass deleted, and the snapshots left whose operation no longer exists. */
  public record Result(List<SnapshotRecord> deleted, List<SnapshotRecord> orphans) {
    public Result {
      deleted = List.copyOf(deleted);
      orphans = List.copyOf(orphans);
    }
  }

  private final VolumeSnapshots snapshots;
  private final Clock clock;
  private final Tenancy tenancy;

  /**
   * @param tenancy where an app's snapshots may be: its own namespace and those granted to it
   */
  public SnapshotHousekeeping(VolumeSnapshots snapshots, Clock clock, Tenancy tenancy) {
    this.snapshots = snapshots;
    this.clock = clock;
    this.tenancy = tenancy;
  }

  /**
   * @param protectedOperations upgrades whose snapshots must stay whatever the retention says:
   *     those still running and those an unfinished rollback restores from
   * @param knownOperations every upgrade request that still exists
   */
  public Result run(
      ManagedApp app, Set<ObjectRef> protectedOperations, Set<ObjectRef> knownOperations) {
    List<SnapshotRecord> all = snapshots.list(app.id(), tenancy.namespacesOf(app.id().namespace()));
    List<SnapshotRecord> doomed =
        SnapshotRetentionRule.toDelete(
            all, app.snapshots().retention(), protectedOperations, clock.instant());
    doomed.forEach(record -> snapshots.delete(record.snapshot()));
    List<SnapshotRecord> kept = new ArrayList<>(all);
    kept.removeAll(doomed);
    return new Result(doomed, OrphanSnapshotRule.orphans(kept, knownOperations));
  }
}
