package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Optional;

/**
 * The reconcile bookkeeping every Flux object carries: its generation and the reconcile asked of
 * it.
 */
public final class ReconcileRequests {
  public static final String REQUESTED_AT = "reconcile.fluxcd.io/requestedAt";

  private ReconcileRequests() {}

  public static Optional<String> requestedAt(GenericKubernetesResource object) {
    return Optional.ofNullable(object.getMetadata().getAnnotations())
        .map(annotations -> annotations.get(REQUESTED_AT))
        .filter(at -> !at.isBlank());
  }

  static long generation(GenericKubernetesResource object) {
    Long generation = object.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }
}
