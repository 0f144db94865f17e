package io.harbormaster.operator.crd;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A resource as a user writes it (YAML), as a plain map, with one field set or removed: untyped, so
 * it can hold values the custom resource classes cannot (an unknown enum value, a wrong type).
 */
final class ResourceEdit {
  private ResourceEdit() {}

  /** {@code yaml} with {@code change} applied. */
  static Map<String, Object> of(String yaml, UnaryOperator<Map<String, Object>> change) {
    return change.apply(parse(yaml));
  }

  /** A typed resource as the product writes it, as a plain map. */
  static Map<String, Object> of(Object resource) {
    return parse(Serialization.asJson(resource));
  }

  /**
   * Sets the field at the dotted {@code path} (e.g. {@code spec.git.branch}), creating the objects
   * on the way.
   */
  static UnaryOperator<Map<String, Object>> set(String path, Object value) {
    return resource -> {
      parentOf(resource, path).put(leaf(path), value);
      return resource;
    };
  }

  /** Removes the field at the dotted {@code path}. */
  static UnaryOperator<Map<String, Object>> remove(String path) {
    return resource -> {
      parentOf(resource, path).remove(leaf(path));
      return resource;
    };
  }

  /** Every change, in order. */
  @SafeVarargs
  static UnaryOperator<Map<String, Object>> all(UnaryOperator<Map<String, Object>>... changes) {
    return resource -> {
      for (UnaryOperator<Map<String, Object>> change : changes) {
        change.apply(resource);
      }
      return resource;
    };
  }

  static UnaryOperator<Map<String, Object>> unchanged() {
    return UnaryOperator.identity();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String yamlOrJson) {
    return Serialization.unmarshal(yamlOrJson, LinkedHashMap.class);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parentOf(Map<String, Object> resource, String path) {
    Map<String, Object> object = resource;
    String[] keys = path.split("\\.");
    for (int i = 0; i < keys.length - 1; i++) {
      object =
          (Map<String, Object>)
              object.computeIfAbsent(keys[i], key -> new LinkedHashMap<String, Object>());
    }
    return object;
  }

  private static String leaf(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }
}
