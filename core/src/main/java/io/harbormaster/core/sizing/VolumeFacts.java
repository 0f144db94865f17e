package io.harbormaster.core.sizing;

import io.harbormaster.core.model.ObjectRef;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/** What an adapter read of one PVC, for {@link VolumeClassifier}. */
@Value.Immutable
public abstract class VolumeFacts {
  public abstract ObjectRef pvc();

  /** {@code metadata.uid}: a PVC deleted and created again under its name is another. */
  public abstract String uid();

  /** {@code status.capacity.storage}: what the volume has (0 before it is bound). */
  public abstract long capacityBytes();

  /** {@code spec.resources.requests.storage}: above the capacity while a resize is under way. */
  public abstract long requestedBytes();

  /** {@code status.phase}: Pending, Bound or Lost. */
  public abstract String phase();

  /**
   * The types of its {@code status.conditions} whose status is True: {@code Resizing}, {@code
   * FileSystemResizePending}, {@code ControllerResizeError}, {@code NodeResizeError}.
   */
  public abstract Set<String> conditions();

  /**
   * {@code status.allocatedResourceStatuses.storage}, where the cluster reports it: {@code
   * ControllerResizeInProgress}, {@code NodeResizePending}, {@code NodeResizeInProgress}, or an
   * {@code ...Infeasible}.
   */
  public abstract Optional<String> resizeStatus();

  public abstract Optional<String> storageClass();

  /** The StorageClass's {@code allowVolumeExpansion}; empty when the class could not be read. */
  public abstract Optional<Boolean> expansionAllowed();

  /** Whether a running pod mounts it. */
  public abstract boolean mounted();

  public abstract Optional<VolumeUsage> usage();

  /** Why {@link #usage()} is empty: no pod mounts it, the node does not answer, no stats yet. */
  public abstract Optional<String> usageUnknownBecause();

  /**
   * The PVCs it must match in size: those a StatefulSet made from the same volumeClaimTemplate
   * (e.g. {@code StatefulSet postgres, template data}); empty for a PVC of its own.
   */
  public abstract Optional<String> peerGroup();

  /**
   * The state the planner judges: these facts with what their classification says stops growth, and
   * the size its peers grew to ({@code peerBytes}, when it has peers).
   */
  public VolumeState state(
      VolumeClassifier.Classification classification, Optional<Long> peerBytes) {
    return VolumeState.builder()
        .pvc(pvc())
        .uid(uid())
        .capacityBytes(capacityBytes())
        .requestedBytes(requestedBytes())
        .notGrowable(classification.blocksGrowth())
        .usage(usage())
        .usageUnknownBecause(usageUnknownBecause())
        .peerBytes(peerBytes)
        .build();
  }

  public static ImmutableVolumeFacts.Builder builder() {
    return ImmutableVolumeFacts.builder();
  }
}
