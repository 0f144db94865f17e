package io.harbormaster.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;

/** Reads a Flux object's conditions in tests. */
final class FluxConditions {
  private FluxConditions() {}

  /** The object's condition of this type; empty when it has none. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> of(GenericKubernetesResource flux, String type) {
    Object conditions = flux.get("status", "conditions");
    return conditions instanceof List<?> list
        ? list.stream()
            .map(c -> (Map<String, Object>) c)
            .filter(c -> type.equals(c.get("type")))
            .findFirst()
            .orElse(Map.of())
        : Map.of();
  }
}
