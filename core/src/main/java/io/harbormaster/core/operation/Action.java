package io.harbormaster.core.operation;

import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.model.SourceRef;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.core.port.EventRecorder;
import io.harbormaster.core.port.RestoreRequest;
import io.harbormaster.core.port.RevertRequest;
import io.harbormaster.core.port.SnapshotRequest;
import io.harbormaster.core.port.VersionEdit;

/**
 * An outside effect a step decided on; the engine runs each through its port. All are idempotent.
 */
public sealed interface Action {
  /** Changes something outside; a dry run emits none. */
  default boolean mutates() {
    return true;
  }

  /**
   * Its effect shows up as a Kubernetes watch event; a git push does not, so nothing wakes a
   * waiter.
   */
  default boolean seenByWatches() {
    return true;
  }

  record SuspendFlux(FluxRef ref) implements Action {}

  record ResumeFlux(FluxRef ref) implements Action {}

  record RequestReconcile(FluxRef ref) implements Action {}

  /**
   * Asks for a reconcile marked {@code token} (once: asking again with the same token changes
   * nothing), whose handling {@link io.harbormaster.core.health.FluxStatus#handledReconcile} shows.
   */
  record RequestTrackedReconcile(FluxRef ref, String token) implements Action {}

  /**
   * Asks source-controller to fetch now, as {@code flux reconcile kustomization --with-source}
   * does.
   */
  record RequestSourceReconcile(SourceRef source) implements Action {}

  /** Suspends a Flux ImageUpdateAutomation that writes the app's file. */
  record SuspendImageAutomation(ObjectRef automation) implements Action {}

  record ResumeImageAutomation(ObjectRef automation) implements Action {}

  record Scale(WorkloadRef workload, int replicas) implements Action {}

  record CreateSnapshot(SnapshotRequest request) implements Action {}

  record RestoreVolume(RestoreRequest request) implements Action {}

  record CommitVersion(VersionEdit edit) implements Action {
    @Override
    public boolean seenByWatches() {
      return false;
    }
  }

  record RevertCommit(RevertRequest request) implements Action {
    @Override
    public boolean seenByWatches() {
      return false;
    }
  }

  /** A failed upgrade hands its recovery to a rollback of itself. */
  record StartRollback(OperationId upgrade) implements Action {}

  record RecordEvent(EventRecorder.Type type, String reason, String message) implements Action {
    @Override
    public boolean mutates() {
      return false;
    }
  }
}
