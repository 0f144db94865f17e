package io.harbormaster.core.port;

import io.harbormaster.core.model.ObjectRef;
import java.util.List;
import java.util.Set;

/** CSI VolumeSnapshots: take, watch, restore from, list and delete. */
public interface VolumeSnapshots {
  /**
   * Creates the VolumeSnapshot, labelled with its app and operation, unless it exists.
   * Implementations also keep what a restore needs to recreate the PVC (its labels, class, access
   * modes, size) on the snapshot, so a crash between deleting and recreating the PVC loses nothing.
   */
  void create(SnapshotRequest request);

  SnapshotStatus status(ObjectRef snapshot);

  /**
   * Moves the restore one step on: deletes the PVC unless it already comes from the snapshot, and
   * recreates it from the snapshot once the old one is gone. Never waits; call again to go on.
   */
  void restore(RestoreRequest request);

  RestoreStatus restoreStatus(RestoreRequest request);

  /**
   * Every snapshot Harbormaster took for the app in {@code namespaces} (where the app may have
   * PVCs).
   */
  List<SnapshotRecord> list(ObjectRef app, Set<String> namespaces);

  /** Deletes the snapshot; a no-op when it is gone. */
  void delete(ObjectRef snapshot);
}
