package io.harbormaster.core.snapshot;

import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.port.SnapshotRecord;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The snapshots one operation took: one restore point. It is as young as its youngest snapshot, so
 * a restore point is never aged out while part of it is still within {@code maxAge}.
 */
record OperationSnapshots(ObjectRef operation, List<SnapshotRecord> snapshots, Instant takenAt) {
  /** Newest first; ties broken by operation so the order is the same on every run. */
  static final Comparator<OperationSnapshots> NEWEST_FIRST =
      Comparator.comparing(OperationSnapshots::takenAt)
          .reversed()
          .thenComparing(OperationSnapshots::operation);

  static List<OperationSnapshots> group(List<SnapshotRecord> snapshots) {
    Map<ObjectRef, List<SnapshotRecord>> byOperation =
        snapshots.stream()
            .collect(
                Collectors.groupingBy(
                    SnapshotRecord::operation, TreeMap::new, Collectors.toList()));
    return byOperation.entrySet().stream()
        .map(entry -> of(entry.getKey(), entry.getValue()))
        .sorted(NEWEST_FIRST)
        .collect(Collectors.toList());
  }

  private static OperationSnapshots of(ObjectRef operation, List<SnapshotRecord> snapshots) {
    Instant youngest =
        snapshots.stream()
            .map(SnapshotRecord::createdAt)
            .max(Comparator.naturalOrder())
            .orElseThrow();
    return new OperationSnapshots(operation, List.copyOf(snapshots), youngest);
  }
}
