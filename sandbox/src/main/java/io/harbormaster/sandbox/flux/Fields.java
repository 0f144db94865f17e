package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of a Flux object's schemaless fields; a missing or mistyped field reads as absent.
 */
public final class Fields {
  private Fields() {}

  public static Optional<String> text(GenericKubernetesResource object, Object... path) {
    Object value = object.get(path);
    return value instanceof String && !((String) value).isBlank()
        ? Optional.of((String) value)
        : Optional.empty();
  }

  public static boolean flag(GenericKubernetesResource object, Object... path) {
    return Boolean.TRUE.equals(object.get(path));
  }

  public static long number(GenericKubernetesResource object, Object... path) {
    Object value = object.get(path);
    return value instanceof Number ? ((Number) value).longValue() : 0;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(GenericKubernetesResource object, Object... path) {
    Object value = object.get(path);
    return value instanceof Map ? (Map<String, Object>) value : Map.of();
  }

  /** The object's condition of this type; empty when it has none. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> condition(GenericKubernetesResource object, String type) {
    if (object.get("status", "conditions") instanceof java.util.List<?> conditions) {
      for (Object condition : conditions) {
        if (condition instanceof Map<?, ?> map && type.equals(map.get("type"))) {
          return (Map<String, Object>) map;
        }
      }
    }
    return Map.of();
  }

  /** {@code namespace/name}. */
  static String ref(GenericKubernetesResource object) {
    return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }
}
