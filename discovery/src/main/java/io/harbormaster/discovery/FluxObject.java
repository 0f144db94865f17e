package io.harbormaster.discovery;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.harbormaster.core.discovery.DiscoveryException;
import io.harbormaster.core.model.FluxKind;
import io.harbormaster.core.model.FluxRef;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A Flux Kustomization or HelmRelease as read live, with the fields discovery looks at. */
final class FluxObject {
  private final FluxRef ref;
  private final GenericKubernetesResource resource;

  private FluxObject(FluxRef ref, GenericKubernetesResource resource) {
    this.ref = ref;
    this.resource = resource;
  }

  /**
   * Reads the object in one GET. The resource plural is given rather than discovered, which would
   * cost an extra API call on every discovery.
   *
   * @throws DiscoveryException when it does not exist
   */
  static FluxObject read(KubernetesClient client, FluxRef ref) {
    GenericKubernetesResource resource =
        client
            .genericKubernetesResources(context(ref.kind()))
            .inNamespace(ref.object().namespace())
            .withName(ref.object().name())
            .get();
    if (resource == null) {
      throw new DiscoveryException(
          ref + " does not exist: check the app's spec.flux, or wait until Flux has created it");
    }
    return new FluxObject(ref, resource);
  }

  /** Both Flux kinds are namespaced and their plural is the lower-case kind plus {@code s}. */
  static ResourceDefinitionContext context(FluxKind kind) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(kind.group())
        .withVersion(kind.version())
        .withKind(kind.kind())
        .withPlural(kind.kind().toLowerCase(Locale.ROOT) + "s")
        .withNamespaced(true)
        .build();
  }

  FluxRef ref() {
    return ref;
  }

  /** A string at a path of the object, absent when missing or empty. */
  Optional<String> text(Object... path) {
    Object value = resource.get(path);
    return value instanceof String && !((String) value).isEmpty()
        ? Optional.of((String) value)
        : Optional.empty();
  }

  /** An integer at a path of the object. */
  Optional<Integer> number(Object... path) {
    Object value = resource.get(path);
    return value instanceof Number ? Optional.of(((Number) value).intValue()) : Optional.empty();
  }

  /**
   * The ids of {@code status.inventory.entries}, absent when the controller has written no
   * inventory.
   */
  Optional<List<String>> inventoryIds() {
    Object entries = resource.get("status", "inventory", "entries");
    if (!(entries instanceof List)) {
      return Optional.empty();
    }
    return Optional.of(
        ((List<?>) entries)
            .stream()
                .map(entry -> entry instanceof Map ? ((Map<?, ?>) entry).get("id") : null)
                .map(id -> id instanceof String ? (String) id : null)
                .collect(Collectors.toList()));
  }
}
