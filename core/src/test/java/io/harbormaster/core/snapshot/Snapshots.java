package io.harbormaster.core.snapshot;

import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.port.SnapshotRecord;
import java.time.Instant;

/** Test data: snapshots of app {@code db/pg}. */
final class Snapshots {
  static final ObjectRef APP = ObjectRef.of("db", "pg");
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private Snapshots() {}

  static SnapshotRecord of(String operation, String pvc, Instant createdAt) {
    return SnapshotRecord.builder()
        .snapshot(ObjectRef.of("db", operation + "-" + pvc))
        .pvc(ObjectRef.of("db", pvc))
        .app(APP)
        .operation(ObjectRef.of("db", operation))
        .createdAt(createdAt)
        .build();
  }

  static ObjectRef operation(String name) {
    return ObjectRef.of("db", name);
  }
}
