package io.harbormaster.sandbox.flux;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The values helm-controller hands Helm for a HelmRelease ({@code ChartValuesFromReferences}): the
 * {@code spec.valuesFrom} references resolved in order, each merged over those before it (or set at
 * its {@code targetPath}), then {@code spec.values} merged over them all. Maps merge key by key;
 * anything else replaces. A missing object or key fails the reconcile unless the reference is
 * optional, in which case it is skipped.
 */
final class HelmValues {
  /**
   * The label ({@code Enabled}) that makes helm-controller reconcile the HelmReleases reading a
   * ConfigMap or Secret as soon as it changes.
   */
  static final String WATCH_LABEL = "reconcile.fluxcd.io/watch";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final KubernetesClient client;

  HelmValues(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @throws ValuesException with helm-controller's message when a reference cannot be resolved
   */
  Map<String, Object> compose(GenericKubernetesResource helmRelease) {
    String namespace = helmRelease.getMetadata().getNamespace();
    Map<String, Object> result = new LinkedHashMap<>();
    for (ValuesReference reference : ValuesReference.of(helmRelease)) {
      Optional<String> text = read(namespace, reference);
      if (text.isEmpty()) {
        continue;
      }
      try {
        if (reference.targetPath().isPresent()) {
          TargetPath.set(result, reference.targetPath().get(), text.get());
        } else {
          result = merged(result, parse(text.get()));
        }
      } catch (IllegalArgumentException e) {
        throw new ValuesException(reference.unresolved(namespace, e.getMessage()));
      }
    }
    return merged(result, Fields.map(helmRelease, "spec", "values"));
  }

  /** The referenced text; empty when an optional reference finds nothing. */
  private Optional<String> read(String namespace, ValuesReference reference) {
    Map<String, String> data;
    String missing;
    switch (reference.kind()) {
      case ValuesReference.CONFIG_MAP -> {
        ConfigMap map = client.configMaps().inNamespace(namespace).withName(reference.name()).get();
        data = map == null ? null : orEmpty(map.getData());
        missing = "configmaps \"" + reference.name() + "\" not found";
      }
      case ValuesReference.SECRET -> {
        Secret secret = client.secrets().inNamespace(namespace).withName(reference.name()).get();
        data = secret == null ? null : decoded(orEmpty(secret.getData()));
        missing = "secrets \"" + reference.name() + "\" not found";
      }
      default ->
          throw new ValuesException(
              reference.unresolved(namespace, "unsupported values reference kind"));
    }
    Optional<String> cause =
        data == null
            ? Optional.of(missing)
            : data.containsKey(reference.valuesKey())
                ? Optional.empty()
                : Optional.of("key not found");
    if (cause.isEmpty()) {
      return Optional.of(data.get(reference.valuesKey()));
    }
    if (reference.optional()) {
      return Optional.empty();
    }
    throw new ValuesException(reference.unresolved(namespace, cause.get()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String text) {
    Object values;
    try {
      values = YAML.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("failed to read values data: " + e.getOriginalMessage());
    }
    if (values == null) {
      return Map.of();
    }
    if (!(values instanceof Map)) {
      throw new IllegalArgumentException(
          "failed to read values data: the values are not a YAML mapping");
    }
    return (Map<String, Object>) values;
  }

  /** {@code over} merged over {@code base}, as Flux's {@code transform.MergeMaps}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> over) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    over.forEach(
        (key, value) -> {
          if (value instanceof Map<?, ?> overMap && out.get(key) instanceof Map<?, ?> baseMap) {
            out.put(key, merged((Map<String, Object>) baseMap, (Map<String, Object>) overMap));
          } else {
            out.put(key, value);
          }
        });
    return out;
  }

  private static Map<String, String> decoded(Map<String, String> data) {
    Map<String, String> decoded = new LinkedHashMap<>();
    data.forEach(
        (key, value) ->
            decoded.put(
                key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
    return decoded;
  }

  private static Map<String, String> orEmpty(Map<String, String> data) {
    return data == null ? Map.of() : data;
  }
}
