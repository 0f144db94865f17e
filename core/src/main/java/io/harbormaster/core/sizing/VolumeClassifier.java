package io.harbormaster.core.sizing;

import java.util.Optional;

/**
 * Tells what state a PVC is in, and whether that stops it from growing. A {@code
 * FileSystemResizePending} PVC with a pod mounting it is resizing; without one it is dangling: the
 * kubelet finishes the resize only when a pod mounts the volume, so waiting for it would wait
 * forever (the deadlock of a rolling restart that waits for the resize while the resize waits for a
 * pod).
 */
public final class VolumeClassifier {
  static final String FILESYSTEM_RESIZE_PENDING = "FileSystemResizePending";

  private VolumeClassifier() {}

  /** A PVC's state, the sentence a status shows, and whether it stops a growth. */
  public record Classification(VolumeClass kind, String why) {
    /** Why it cannot grow now, when it cannot. */
    public Optional<String> blocksGrowth() {
      return switch (kind) {
        case UNUSABLE, DANGLING_RESIZE, INITIALIZING -> Optional.of(why);
        case HEALTHY, RESIZING, USAGE_UNKNOWN -> Optional.empty();
      };
    }
  }

  public static Classification classify(VolumeFacts facts) {
    if (facts.phase().equals("Lost")) {
      return new Classification(VolumeClass.UNUSABLE, "Lost: the volume it was bound to is gone");
    }
    if (facts.expansionAllowed().equals(Optional.of(false))) {
      return new Classification(
          VolumeClass.UNUSABLE,
          "StorageClass "
              + facts.storageClass().orElse("(default)")
              + " does not allow expansion (allowVolumeExpansion)");
    }
    if (!facts.phase().equals("Bound")) {
      return new Classification(VolumeClass.INITIALIZING, facts.phase() + ": not bound yet");
    }
    String status = facts.resizeStatus().orElse("");
    if (facts.conditions().contains("ControllerResizeError")
        || facts.conditions().contains("NodeResizeError")
        || status.endsWith("Infeasible")) {
      return new Classification(
          VolumeClass.UNUSABLE,
          "its last resize failed ("
              + (status.endsWith("Infeasible") ? status : "a resize error condition")
              + "): see the PVC's events");
    }
    if (facts.conditions().contains(FILESYSTEM_RESIZE_PENDING)
        || status.equals("NodeResizePending")) {
      return facts.mounted()
          ? new Classification(
              VolumeClass.RESIZING, "its filesystem grows now that a pod mounts it")
          : new Classification(
              VolumeClass.DANGLING_RESIZE,
              "FileSystemResizePending and no pod mounts it: the resize finishes only when a pod"
                  + " mounts the volume; start the workload that uses it");
    }
    if (facts.conditions().contains("Resizing")
        || status.equals("ControllerResizeInProgress")
        || status.equals("NodeResizeInProgress")) {
      return new Classification(VolumeClass.RESIZING, "the storage driver is resizing it");
    }
    if (facts.usage().isEmpty()) {
      return new Classification(
          VolumeClass.USAGE_UNKNOWN,
          "usage unknown: " + facts.usageUnknownBecause().orElse("no measurement yet"));
    }
    return new Classification(VolumeClass.HEALTHY, "bound, usage known");
  }
}
