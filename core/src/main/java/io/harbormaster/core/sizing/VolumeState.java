package io.harbormaster.core.sizing;

import io.harbormaster.core.model.ObjectRef;
import java.util.Optional;
import org.immutables.value.Value;

/** One PVC as the planner sees it: its capacity, the size asked for, and its usage if known. */
@Value.Immutable
public abstract class VolumeState {
  public abstract ObjectRef pvc();

  /** {@code metadata.uid}. */
  public abstract String uid();

  /** {@code status.capacity.storage}: what the volume has. */
  public abstract long capacityBytes();

  /**
   * {@code spec.resources.requests.storage}: more than the capacity while a resize is under way.
   */
  public abstract long requestedBytes();

  /** Why the PVC cannot be judged or grown now, if it cannot ({@link VolumeClassifier}). */
  public abstract Optional<String> notGrowable();

  /** Empty when the usage is unknown; {@link #usageUnknownBecause()} says why. */
  public abstract Optional<VolumeUsage> usage();

  public abstract Optional<String> usageUnknownBecause();

  /**
   * The largest size among the PVCs made from the same StatefulSet template as this one (the
   * capacity or the size asked for, whichever is larger), when it has such peers.
   */
  public abstract Optional<Long> peerBytes();

  public static ImmutableVolumeState.Builder builder() {
    return ImmutableVolumeState.builder();
  }
}
