package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Optional;

/**
 * When a Flux controller acts on its object, decided from the object alone, the way Flux's predicates
 * do: never while {@code spec.suspend} is true; otherwise when its spec changed since the last
 * reconcile ({@code metadata.generation} above {@code status.observedGeneration}, which also covers
 * creation and resume, since writing {@code spec.suspend} bumps the generation), or when
 * {@code reconcile.fluxcd.io/requestedAt} holds a value not yet recorded in
 * {@code status.lastHandledReconcileAt}.
 */
final class ReconcileRequests {
  static final String REQUESTED_AT = "reconcile.fluxcd.io/requestedAt";

  private ReconcileRequests() {}

  static boolean due(GenericKubernetesResource object) {
    if (Fields.flag(object, "spec", "suspend")) {
      return false;
    }
    boolean specChanged = generation(object) != Fields.number(object, "status", "observedGeneration");
    boolean requested = requestedAt(object).filter(at -> !at.equals(Fields.text(object, "status", "lastHandledReconcileAt").orElse(""))).isPresent();
    return specChanged || requested;
  }

  static Optional<String> requestedAt(GenericKubernetesResource object) {
    return Optional.ofNullable(object.getMetadata().getAnnotations())
        .map(annotations -> annotations.get(REQUESTED_AT))
        .filter(at -> !at.isBlank());
  }

  static long generation(GenericKubernetesResource object) {
    Long generation = object.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }
}
