package io.harbormaster.core.sizing;

/** The state of a PVC as storage sizing sees it. */
public enum VolumeClass {
  /** Bound, usage known, nothing under way. */
  HEALTHY,
  /** A resize is under way: the controller's, or the filesystem's with a pod mounting it. */
  RESIZING,
  /**
   * {@code FileSystemResizePending} and no pod mounts it: the kubelet grows a filesystem only when
   * a pod mounts the volume, so the resize never finishes by itself.
   */
  DANGLING_RESIZE,
  /** {@code Lost}, or its StorageClass does not allow expansion. */
  UNUSABLE,
  /** Not bound yet. */
  INITIALIZING,
  /** Bound, but its usage is unknown (no pod mounts it, the node does not answer, no stats yet). */
  USAGE_UNKNOWN
}
