package io.harbormaster.core.operation;

import com.google.common.hash.Hashing;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import java.nio.charset.StandardCharsets;

/**
 * Names VolumeSnapshots after the operation and the PVC, so a repeated step finds the snapshot it
 * already made instead of taking a second one.
 */
public final class SnapshotNames {
  /** A Kubernetes object name is at most 253 characters. */
  static final int MAX_LENGTH = 253;

  private SnapshotNames() {}

  public static ObjectRef of(OperationId operation, ObjectRef pvc) {
    String name = operation.request().name() + "-" + pvc.name();
    if (name.length() > MAX_LENGTH) {
      String hash =
          Hashing.sha256().hashString(name, StandardCharsets.UTF_8).toString().substring(0, 10);
      String head = name.substring(0, MAX_LENGTH - hash.length() - 1);
      // A name may not end in '-' or '.' before the hash joins it.
      name = head.replaceAll("[-.]+$", "") + "-" + hash;
    }
    return ObjectRef.of(pvc.namespace(), name);
  }
}
