package io.harbormaster.core.port;

import io.harbormaster.core.health.FluxStatus;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.SourceRef;

/**
 * Suspends and resumes Flux Kustomizations and HelmReleases and asks Flux to reconcile them; what
 * they then show is {@link FluxReader}'s.
 */
public interface FluxControl {
  /** Sets {@code spec.suspend: true}; a no-op when it already is. */
  void suspend(FluxRef ref);

  /** Sets {@code spec.suspend: false}; a no-op when it already is. */
  void resume(FluxRef ref);

  /** Asks Flux to reconcile now rather than at its next interval. */
  void requestReconcile(FluxRef ref);

  /**
   * Asks for a reconcile with {@code token} as its {@code reconcile.fluxcd.io/requestedAt} value; a
   * no-op when that value is already there. Once {@link FluxStatus#handledReconcile} shows the
   * token, the controller has acted on everything as it was when asked.
   */
  void requestReconcile(FluxRef ref, String token);

  /**
   * Asks source-controller to fetch the source now rather than at its next interval: a
   * Kustomization applies the artifact its source already holds, and is applied again once that
   * artifact changes.
   */
  void requestReconcile(SourceRef source);

  /**
   * Sets {@code spec.suspend: true} on the ImageUpdateAutomation {@code automation}: it neither
   * runs nor pushes until resumed. A no-op when it already is.
   */
  void suspendImageAutomation(ObjectRef automation);

  /**
   * Sets {@code spec.suspend: false} on the ImageUpdateAutomation {@code automation}; a no-op when
   * it is not suspended or no longer exists.
   */
  void resumeImageAutomation(ObjectRef automation);

  /**
   * Sets the ImagePolicy {@code policy}'s {@code spec.policy.semver.range} to {@code narrowed},
   * only while it still reads {@code range}: a range someone changed meanwhile is theirs.
   *
   * @throws RuntimeException when the range changed, or the API server refused or did not answer
   */
  void narrowImagePolicy(ObjectRef policy, String range, String narrowed);
}
