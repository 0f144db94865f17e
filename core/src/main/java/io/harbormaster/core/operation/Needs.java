package io.harbormaster.core.operation;

/**
 * What the engine can observe before stepping a state; each machine's {@link PhaseTable} says which
 * a phase uses, so each step reads only that.
 */
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
  /** Whether the target's chart versions and image tags exist where Flux will fetch them. */
  TARGET_AVAILABILITY,
  /** The Flux ImageUpdateAutomations that write the app's file. */
  IMAGE_AUTOMATIONS,
  /**
   * The Flux objects' status and, when the operation holds image automations ({@link
   * OperationState#imageAutomations()}), whether each is suspended.
   */
  FLUX,
  WORKLOADS,
  PODS_MOUNTING,
  SNAPSHOTS,
  RESTORES,
  COMMIT,
  /** Whether the revision Flux applied includes the operation's commit. */
  COMMIT_APPLIED
}
