package io.harbormaster.snapshot;

/**
 * A VolumeSnapshot or PVC is not in a state the requested step can work with; the message says why.
 */
public final class VolumeSnapshotException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VolumeSnapshotException(String message) {
    super(message);
  }

  public VolumeSnapshotException(String message, Throwable cause) {
    super(message, cause);
  }
}
