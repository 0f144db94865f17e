package io.harbormaster.core.operation;

import io.harbormaster.core.discovery.VolumeTarget;
import io.harbormaster.core.discovery.WorkloadTarget;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.core.port.ValueChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Everything an operation needs to resume after a crash: persisted after every step (the operator
 * keeps it in the request's status). Nothing here is a cache of the cluster: what can be observed
 * again is observed again.
 */
@Value.Immutable
public abstract class OperationState {
  public abstract OperationId id();

  public abstract ObjectRef app();

  public abstract Phase phase();

  public abstract Instant phaseStartedAt();

  /** Volume phases: when the last snapshot turned ready or the last volume was restored. */
  public abstract Optional<Instant> progressAt();

  /** Volume phases: how many volumes were done at {@link #progressAt()}. */
  @Value.Default
  public int progress() {
    return 0;
  }

  /** Steps of the current phase that failed on a transient error. */
  @Value.Default
  public int attempts() {
    return 0;
  }

  /** The last transient error of the current phase, shown while it retries. */
  public abstract Optional<String> lastError();

  /**
   * What the phase under way waits for, as of the last step (e.g. a Flux object's Ready condition):
   * what a person following the operation needs to see before its timeout turns it into the
   * failure.
   */
  public abstract Optional<String> waitingFor();

  /** The last warning reported (e.g. a snapshot error), so a repeated one is reported once. */
  public abstract Optional<String> lastWarning();

  /** Upgrades: the version moved to, explicit or chosen by the auto-update policy. */
  public abstract Optional<TargetVersion> target();

  public abstract List<WorkloadTarget> workloads();

  public abstract List<VolumeTarget> volumes();

  /** Replica counts before the operation stopped each workload; the count they return to. */
  public abstract Map<WorkloadRef, Integer> originalReplicas();

  /**
   * The Flux ImageUpdateAutomations that write the app's file and that the operation holds
   * suspended while it works: an upgrade, those it found running in Pending (it resumes them when
   * it ends); a rollback, all of them (it leaves them suspended, so they cannot push the undone tag
   * back).
   */
  public abstract List<ObjectRef> imageAutomations();

  /** PVC to its VolumeSnapshot: taken by an upgrade, restored from by a rollback. */
  public abstract Map<ObjectRef, ObjectRef> snapshots();

  /** The values the operation's commit changes: an upgrade's edit, or a rollback's revert. */
  public abstract List<ValueChange> versionChanges();

  /** The commit this operation pushed: the upgrade commit, or the rollback's revert commit. */
  public abstract Optional<String> commitId();

  /** Rollbacks: the upgrade request being undone. */
  public abstract Optional<ObjectRef> upgrade();

  /** Rollbacks: the upgrade commit to revert. */
  public abstract Optional<String> revertOf();

  /** The non-terminal phase in which the operation failed. */
  public abstract Optional<Phase> failedIn();

  /** A failed upgrade left the recovery to a rollback (autoRollback after its commit). */
  @Value.Default
  public boolean rollbackRequested() {
    return false;
  }

  /** Terminal, and Flux and the workloads are back as the operation promised. */
  @Value.Default
  public boolean settled() {
    return false;
  }

  /** The outcome for people: why it failed, or what it did. */
  public abstract Optional<String> message();

  public abstract List<PhaseRecord> history();

  public static ImmutableOperationState.Builder builder() {
    return ImmutableOperationState.builder();
  }

  /** A copy with some attributes changed. */
  public OperationState with(java.util.function.Consumer<ImmutableOperationState.Builder> change) {
    ImmutableOperationState.Builder builder = builder().from(this);
    change.accept(builder);
    return builder.build();
  }

  /** Nothing is left to do: the engine can stop stepping this operation. */
  public boolean finished() {
    return phase().terminal() && settled();
  }

  public List<ObjectRef> pvcs() {
    return volumes().stream().map(VolumeTarget::pvc).collect(java.util.stream.Collectors.toList());
  }

  public List<WorkloadRef> workloadRefs() {
    return workloads().stream()
        .map(WorkloadTarget::ref)
        .collect(java.util.stream.Collectors.toList());
  }
}
