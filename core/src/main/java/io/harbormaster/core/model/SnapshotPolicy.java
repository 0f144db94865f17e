package io.harbormaster.core.model;

import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Which volumes to snapshot before an upgrade. By default every ReadWriteOnce PVC that the app's
 * workloads mount; {@code pvcs} replaces that list, {@code excludePvcs} removes from it.
 */
@Value.Immutable
public abstract class SnapshotPolicy {
  @Value.Default
  public boolean enabled() {
    return true;
  }

  public abstract Set<String> pvcs();

  public abstract Set<String> excludePvcs();

  /** Absent means the CSI driver's default class; never the empty string. */
  public abstract Optional<String> volumeSnapshotClassName();

  @Value.Default
  public SnapshotRetention retention() {
    return SnapshotRetention.builder().build();
  }

  public static ImmutableSnapshotPolicy.Builder builder() {
    return ImmutableSnapshotPolicy.builder();
  }

  @Value.Check
  protected void check() {
    InvalidSpecException.require(
        volumeSnapshotClassName().map(name -> !name.isBlank()).orElse(true),
        "spec.snapshots.volumeSnapshotClassName",
        "is empty: leave it out to use the driver's default class");
    Set<String> both = com.google.common.collect.Sets.intersection(pvcs(), excludePvcs());
    InvalidSpecException.require(
        both.isEmpty(),
        "spec.snapshots.excludePVCs",
        "names " + both + ", which spec.snapshots.pvcs includes");
  }
}
