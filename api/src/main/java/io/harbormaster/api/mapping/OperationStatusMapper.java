package io.harbormaster.api.mapping;

import io.fabric8.kubernetes.api.model.Condition;
import io.harbormaster.api.crd.NamespacedName;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.api.crd.PvcItem;
import io.harbormaster.api.crd.ShownConditions;
import io.harbormaster.api.crd.WorkloadItem;
import io.harbormaster.core.discovery.VolumeTarget;
import io.harbormaster.core.discovery.WorkloadTarget;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.model.ShownLimits;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.WorkloadKind;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.core.operation.ImmutableOperationState;
import io.harbormaster.core.operation.OperationState;
import io.harbormaster.core.operation.Phase;
import io.harbormaster.core.operation.PhaseRecord;
import io.harbormaster.core.port.ValueChange;
import io.harbormaster.core.redaction.Redaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * OperationState to a request's status and back, field for field: what {@link #toStatus} writes,
 * {@link #toState} reads back equal, so the state survives a restart of the operator. The texts
 * people read (message, errors, what it waits for, history) are written through the one {@link
 * Redaction}.
 */
public final class OperationStatusMapper {
  private OperationStatusMapper() {}

  /**
   * The status of {@code state}, with the texts people read bounded ({@link ShownLimits}): the
   * message, the last error, what the phase waits for, the history's summaries and the conditions'
   * messages keep their first 1,024 characters, and only these do not read back whole. Kept whole:
   * the last warning, which the Snapshot phase compares with the next one to report each warning
   * once; and the lists (workloads, volumes, replicas, snapshots, version changes, history), which
   * a restarted operator resumes from, restores from and routes its wake-ups by.
   */
  public static OperationStatus toStatus(
      OperationState state, List<Condition> conditions, Long observedGeneration) {
    return new OperationStatus(
        state.phase().display(),
        state.phaseStartedAt().toString(),
        ShownConditions.of(conditions),
        state.message().map(Redaction::redact).map(ShownLimits::text).orElse(null),
        name(state.app()),
        state.progressAt().map(Instant::toString).orElse(null),
        state.progress(),
        state.attempts(),
        state.lastError().map(Redaction::redact).map(ShownLimits::text).orElse(null),
        state.lastWarning().map(Redaction::redact).orElse(null),
        state.waitingFor().map(Redaction::redact).map(ShownLimits::text).orElse(null),
        state
            .target()
            .map(
                target ->
                    new OperationStatus.Target(target.version().orElse(null), target.imageTags()))
            .orElse(null),
        map(
            state.workloads(),
            w ->
                new WorkloadItem(
                    w.ref().kind().kind(),
                    w.ref().object().namespace(),
                    w.ref().object().name(),
                    w.reason())),
        map(state.volumes(), v -> new PvcItem(v.pvc().namespace(), v.pvc().name(), v.reason())),
        map(state.originalReplicas().entrySet(), e -> replicas(e.getKey(), e.getValue())),
        map(
            state.snapshots().entrySet(),
            e -> new OperationStatus.SnapshotOf(name(e.getKey()), name(e.getValue()))),
        map(state.imageAutomations(), OperationStatusMapper::name),
        map(
            state.versionChanges(),
            c -> new OperationStatus.VersionChange(c.path(), c.from(), c.to())),
        state.commitId().orElse(null),
        state.upgrade().map(OperationStatusMapper::name).orElse(null),
        state.revertOf().orElse(null),
        state.failedIn().map(Phase::display).orElse(null),
        state.rollbackRequested(),
        state.settled(),
        map(
            state.history(),
            h ->
                new OperationStatus.PhaseRecord(
                    h.phase().display(),
                    h.startedAt().toString(),
                    h.endedAt().toString(),
                    ShownLimits.text(Redaction.redact(h.summary())))),
        observedGeneration);
  }

  /** The persisted state of a status, or empty if the operation has not started yet. */
  public static Optional<OperationState> toState(OperationId id, OperationStatus status) {
    if (status == null || status.phase() == null || status.app() == null) {
      return Optional.empty();
    }
    ImmutableOperationState.Builder state =
        OperationState.builder()
            .id(id)
            .app(ref(status.app()))
            .phase(Phase.fromDisplay(status.phase()))
            .phaseStartedAt(Instant.parse(status.phaseStartedAt()))
            .progressAt(Optional.ofNullable(status.progressAt()).map(Instant::parse))
            .progress(orZero(status.progress()))
            .attempts(orZero(status.attempts()))
            .lastError(Optional.ofNullable(status.lastError()))
            .lastWarning(Optional.ofNullable(status.lastWarning()))
            .waitingFor(Optional.ofNullable(status.waitingFor()))
            .message(Optional.ofNullable(status.message()))
            .commitId(Optional.ofNullable(status.commitId()))
            .upgrade(Optional.ofNullable(status.upgrade()).map(OperationStatusMapper::ref))
            .revertOf(Optional.ofNullable(status.revertOf()))
            .failedIn(Optional.ofNullable(status.failedIn()).map(Phase::fromDisplay))
            .rollbackRequested(Boolean.TRUE.equals(status.rollbackRequested()))
            .settled(Boolean.TRUE.equals(status.settled()));
    if (status.target() != null) {
      state.target(
          TargetVersion.builder()
              .version(Optional.ofNullable(status.target().version()))
              .putAllImageTags(Optional.ofNullable(status.target().imageTags()).orElse(Map.of()))
              .build());
    }
    list(status.workloads())
        .forEach(
            w ->
                state.addWorkload(
                    WorkloadTarget.of(workload(w.kind(), w.namespace(), w.name()), w.reason())));
    list(status.volumes())
        .forEach(
            v ->
                state.addVolume(
                    VolumeTarget.of(ObjectRef.of(v.namespace(), v.name()), v.reason())));
    list(status.originalReplicas())
        .forEach(
            r ->
                state.putOriginalReplica(
                    workload(r.kind(), r.namespace(), r.name()), r.replicas()));
    list(status.snapshots()).forEach(s -> state.putSnapshot(ref(s.pvc()), ref(s.snapshot())));
    list(status.imageAutomations()).forEach(a -> state.addImageAutomation(ref(a)));
    list(status.versionChanges())
        .forEach(c -> state.addVersionChange(ValueChange.of(c.path(), c.from(), c.to())));
    list(status.history())
        .forEach(
            h ->
                state.addHistory(
                    PhaseRecord.of(
                        Phase.fromDisplay(h.phase()),
                        Instant.parse(h.startedAt()),
                        Instant.parse(h.endedAt()),
                        h.summary())));
    return Optional.of(state.build());
  }

  private static OperationStatus.Replicas replicas(WorkloadRef ref, int replicas) {
    return new OperationStatus.Replicas(
        ref.kind().kind(), ref.object().namespace(), ref.object().name(), replicas);
  }

  private static WorkloadRef workload(String kind, String namespace, String name) {
    WorkloadKind workloadKind =
        WorkloadKind.of("apps", kind)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "status names an unknown workload kind '" + kind + "'"));
    return WorkloadRef.of(workloadKind, ObjectRef.of(namespace, name));
  }

  private static NamespacedName name(ObjectRef ref) {
    return new NamespacedName(ref.namespace(), ref.name());
  }

  private static ObjectRef ref(NamespacedName name) {
    return ObjectRef.of(name.namespace(), name.name());
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  private static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : values;
  }

  private static <T, R> List<R> map(java.util.Collection<T> values, Function<T, R> mapping) {
    return values.stream().map(mapping).collect(Collectors.toList());
  }
}
