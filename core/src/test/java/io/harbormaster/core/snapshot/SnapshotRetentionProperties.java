package io.harbormaster.core.snapshot;

import static io.harbormaster.core.snapshot.Snapshots.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.SnapshotRetention;
import io.harbormaster.core.port.SnapshotRecord;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class SnapshotRetentionProperties {
  @Property
  void neverDeletesASnapshotARollbackNeeds(
      @ForAll("snapshots") List<SnapshotRecord> snapshots,
      @ForAll("retentions") SnapshotRetention retention,
      @ForAll("operations") Set<ObjectRef> needed) {
    assertThat(SnapshotRetentionRule.toDelete(snapshots, retention, needed, NOW))
        .noneMatch(snapshot -> needed.contains(snapshot.operation()));
  }

  @Property
  void keepsOrDropsAnOperationAsAWhole(
      @ForAll("snapshots") List<SnapshotRecord> snapshots,
      @ForAll("retentions") SnapshotRetention retention,
      @ForAll("operations") Set<ObjectRef> needed) {
    List<SnapshotRecord> deleted =
        SnapshotRetentionRule.toDelete(snapshots, retention, needed, NOW);
    Set<ObjectRef> deletedOperations = operationsOf(deleted);

    assertThat(snapshots)
        .filteredOn(snapshot -> deletedOperations.contains(snapshot.operation()))
        .allMatch(deleted::contains);
  }

  @Property
  void keepsAtMostMaxCountOperationsBesidesTheNeededOnes(
      @ForAll("snapshots") List<SnapshotRecord> snapshots,
      @ForAll("retentions") SnapshotRetention retention,
      @ForAll("operations") Set<ObjectRef> needed) {
    Set<ObjectRef> kept = keptOperations(snapshots, retention, needed);
    kept.removeAll(needed);

    assertThat(kept).hasSizeLessThanOrEqualTo(retention.maxCount());
  }

  @Property
  void keepsTheNewestMaxCountOperationsWhenNoneIsTooOld(
      @ForAll("snapshots") List<SnapshotRecord> snapshots,
      @ForAll @IntRange(min = 1, max = 6) int maxCount) {
    SnapshotRetention retention = SnapshotRetention.builder().maxCount(maxCount).build();
    Set<ObjectRef> kept = keptOperations(snapshots, retention, Set.of());
    Set<ObjectRef> newest =
        OperationSnapshots.group(snapshots).stream()
            .limit(maxCount)
            .map(OperationSnapshots::operation)
            .collect(Collectors.toSet());

    assertThat(kept).isEqualTo(newest);
  }

  @Property
  void keepsNoUnneededOperationOlderThanMaxAge(
      @ForAll("snapshots") List<SnapshotRecord> snapshots,
      @ForAll("retentions") SnapshotRetention retention,
      @ForAll("operations") Set<ObjectRef> needed) {
    Map<ObjectRef, OperationSnapshots> byOperation =
        OperationSnapshots.group(snapshots).stream()
            .collect(Collectors.toMap(OperationSnapshots::operation, group -> group));
    Set<ObjectRef> kept = keptOperations(snapshots, retention, needed);
    kept.removeAll(needed);

    retention
        .maxAge()
        .ifPresent(
            maxAge ->
                assertThat(kept)
                    .allMatch(
                        operation ->
                            !byOperation.get(operation).takenAt().plus(maxAge).isBefore(NOW)));
  }

  private static Set<ObjectRef> keptOperations(
      List<SnapshotRecord> snapshots, SnapshotRetention retention, Set<ObjectRef> needed) {
    Set<ObjectRef> kept = new HashSet<>(operationsOf(snapshots));
    kept.removeAll(operationsOf(SnapshotRetentionRule.toDelete(snapshots, retention, needed, NOW)));
    return kept;
  }

  private static Set<ObjectRef> operationsOf(List<SnapshotRecord> snapshots) {
    return snapshots.stream().map(SnapshotRecord::operation).collect(Collectors.toSet());
  }

  @Provide
  Arbitrary<List<SnapshotRecord>> snapshots() {
    Arbitrary<SnapshotRecord> snapshot =
        Combinators.combine(
                operationNames(),
                Arbitraries.of("data", "wal", "logs"),
                Arbitraries.longs().between(0, Duration.ofDays(30).toMinutes()))
            .as(
                (operation, pvc, minutesAgo) ->
                    Snapshots.of(operation, pvc, NOW.minus(Duration.ofMinutes(minutesAgo))));
    // One snapshot per (operation, PVC), as the engine names them.
    return snapshot.list().ofMaxSize(30).uniqueElements(SnapshotRecord::snapshot);
  }

  @Provide
  Arbitrary<SnapshotRetention> retentions() {
    Arbitrary<Optional<Duration>> maxAge =
        Arbitraries.longs()
            .between(1, Duration.ofDays(40).toHours())
            .map(Duration::ofHours)
            .optional();
    return Combinators.combine(Arbitraries.integers().between(1, 8), maxAge)
        .as((maxCount, age) -> SnapshotRetention.builder().maxCount(maxCount).maxAge(age).build());
  }

  @Provide
  Arbitrary<Set<ObjectRef>> operations() {
    return operationNames().map(Snapshots::operation).set().ofMaxSize(4);
  }

  private static Arbitrary<String> operationNames() {
    return Arbitraries.integers().between(1, 12).map(n -> "up-" + n);
  }
}
