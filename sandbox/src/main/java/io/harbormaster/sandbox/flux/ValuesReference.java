package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of a HelmRelease's {@code spec.valuesFrom}: a ConfigMap or Secret in the HelmRelease's
 * namespace, the key holding its values ({@code values.yaml} by default), where to put them ({@code
 * targetPath}, else merged at the root) and whether it may be missing.
 */
record ValuesReference(
    String kind, String name, String valuesKey, Optional<String> targetPath, boolean optional) {
  static final String CONFIG_MAP = "ConfigMap";
  static final String SECRET = "Secret";
  private static final String DEFAULT_KEY = "values.yaml";

  /** The HelmRelease's references, in the order helm-controller merges them. */
  @SuppressWarnings("unchecked")
  static List<ValuesReference> of(GenericKubernetesResource helmRelease) {
    List<ValuesReference> references = new ArrayList<>();
    if (helmRelease.get("spec", "valuesFrom") instanceof List<?> entries) {
      for (Object entry : entries) {
        Map<String, Object> fields = entry instanceof Map ? (Map<String, Object>) entry : Map.of();
        references.add(
            new ValuesReference(
                text(fields, "kind").orElse(""),
                text(fields, "name").orElse(""),
                text(fields, "valuesKey").orElse(DEFAULT_KEY),
                text(fields, "targetPath"),
                Boolean.TRUE.equals(fields.get("optional"))));
      }
    }
    return references;
  }

  /** Whether {@code helmRelease} reads values from {@code object}, of kind {@code kind}. */
  static boolean reads(GenericKubernetesResource helmRelease, String kind, HasMetadata object) {
    return helmRelease.getMetadata().getNamespace().equals(object.getMetadata().getNamespace())
        && of(helmRelease).stream()
            .anyMatch(
                reference ->
                    reference.kind().equals(kind)
                        && reference.name().equals(object.getMetadata().getName()));
  }

  /**
   * helm-controller's words for a reference it could not resolve: {@code could not resolve
   * [optional] <kind> chart values reference '<namespace>/<name>' with key '<key>': <cause>}.
   */
  String unresolved(String namespace, String cause) {
    return "could not resolve"
        + (optional ? " optional" : "")
        + (kind.isEmpty() ? "" : " " + kind)
        + " chart values reference '"
        + namespace
        + "/"
        + name
        + "' with key '"
        + valuesKey
        + "': "
        + cause;
  }

  private static Optional<String> text(Map<String, Object> fields, String key) {
    return fields.get(key) instanceof String value && !value.isBlank()
        ? Optional.of(value)
        : Optional.empty();
  }
}
