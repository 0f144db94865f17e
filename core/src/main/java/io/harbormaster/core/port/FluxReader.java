package io.harbormaster.core.port;

import io.harbormaster.core.health.FluxStatus;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.FluxSource;

/** Reads Flux Kustomizations and HelmReleases as they are now; changes nothing. */
public interface FluxReader {
  /** The object's live status. */
  FluxStatus status(FluxRef ref);

  /**
   * Refuses an app whose Flux objects are applied by a Kustomization it does not name: that parent
   * would undo their suspend.
   *
   * @throws io.harbormaster.core.model.InvalidSpecException naming the parent to put in {@code
   *     spec.flux.kustomization}
   */
  void verifyParents(FluxSource source);
}
