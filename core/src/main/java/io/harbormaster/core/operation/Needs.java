package io.harbormaster.core.operation;

import io.harbormaster.core.model.OperationKind;
import java.util.EnumSet;
import java.util.Set;

/** What the engine must observe before stepping a state, so each step reads only what it uses. */
public enum Needs {
  TARGETS,
  /**
   * That no Kustomization the app does not name applies its Flux objects (it would undo a suspend).
   */
  FLUX_PARENTS,
  /** The version path's current value and the versions available (auto-update). */
  AVAILABLE_VERSIONS,
  /**
   * What the operation's commit or revert would change: git's refusal ends it before anything is
   * touched.
   */
  VERSION_PREVIEW,
  FLUX,
  WORKLOADS,
  PODS_MOUNTING,
  SNAPSHOTS,
  RESTORES,
  COMMIT,
  /** Whether the revision Flux applied includes the operation's commit. */
  COMMIT_APPLIED;

  /** What stepping this state needs observed. */
  public static Set<Needs> of(OperationState state) {
    switch (state.phase()) {
      case PENDING:
        if (state.id().kind() == OperationKind.UPGRADE && state.target().isEmpty()) {
          return EnumSet.of(AVAILABLE_VERSIONS);
        }
        return EnumSet.of(TARGETS, VERSION_PREVIEW, FLUX, FLUX_PARENTS);
      case SUSPEND:
      case HEALTH_CHECK:
        return EnumSet.of(FLUX, WORKLOADS);
      case SCALE_DOWN:
        return EnumSet.of(FLUX, WORKLOADS, PODS_MOUNTING);
      case SNAPSHOT:
        return EnumSet.of(FLUX, SNAPSHOTS);
      case VOLUME_RESTORE:
        return EnumSet.of(FLUX, RESTORES);
      case GIT_COMMIT:
      case GIT_REVERT:
        return EnumSet.of(FLUX, COMMIT);
      case RECONCILE:
        return EnumSet.of(FLUX, COMMIT_APPLIED);
      case FAILED:
        if (state.settled() || state.rollbackRequested()) {
          return EnumSet.noneOf(Needs.class);
        }
        // A commit may have reached git although its phase failed: look before resuming Flux.
        boolean commitUnknown =
            state.commitId().isEmpty()
                && (state.failedIn().equals(java.util.Optional.of(Phase.GIT_COMMIT))
                    || state.failedIn().equals(java.util.Optional.of(Phase.GIT_REVERT)));
        return commitUnknown ? EnumSet.of(FLUX, WORKLOADS, COMMIT) : EnumSet.of(FLUX, WORKLOADS);
      default:
        return EnumSet.noneOf(Needs.class);
    }
  }
}
