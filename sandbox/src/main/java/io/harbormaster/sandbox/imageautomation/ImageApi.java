package io.harbormaster.sandbox.imageautomation;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flux's image automation API as the sandbox serves it ({@code image.toolkit.fluxcd.io/v1}), and
 * the objects a test or a demo writes to use it. Every object is a plain custom resource: change
 * it, suspend it or annotate it as with real Flux.
 *
 * <pre>{@code
 * ImageApi.create(client, ImageApi.imageRepository("flux-system", "web", "ghcr.io/acme/web", "1m"));
 * ImageApi.create(client, ImageApi.imagePolicy("flux-system", "web", "web", ImageApi.semver("^1.0.0")));
 * ImageApi.create(client, ImageApi.imageUpdateAutomation(
 *     "flux-system", "fleet", "fleet", "main", "./apps", "1m", "Flux", "flux@example.com"));
 * }</pre>
 */
public final class ImageApi {
  public static final String GROUP = "image.toolkit.fluxcd.io";
  public static final String API_VERSION = GROUP + "/v1";
  public static final String IMAGE_REPOSITORY = "ImageRepository";
  public static final String IMAGE_POLICY = "ImagePolicy";
  public static final String IMAGE_UPDATE_AUTOMATION = "ImageUpdateAutomation";

  private ImageApi() {}

  /** The objects of one of the three kinds. */
  public static MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      resources(KubernetesClient client, String kind) {
    return client.genericKubernetesResources(API_VERSION, kind);
  }

  /** Creates {@code object} in its namespace. */
  public static GenericKubernetesResource create(
      KubernetesClient client, GenericKubernetesResource object) {
    return resources(client, object.getKind())
        .inNamespace(object.getMetadata().getNamespace())
        .resource(object)
        .create();
  }

  /** ImageRepository {@code namespace/name} scanning {@code image} every {@code interval}. */
  public static GenericKubernetesResource imageRepository(
      String namespace, String name, String image, String interval) {
    return object(IMAGE_REPOSITORY, namespace, name, Map.of("image", image, "interval", interval));
  }

  /**
   * ImagePolicy {@code namespace/name} choosing from ImageRepository {@code repository} of its
   * namespace by {@code policy} (e.g. {@link #semver}).
   */
  public static GenericKubernetesResource imagePolicy(
      String namespace, String name, String repository, Map<String, Object> policy) {
    return object(
        IMAGE_POLICY,
        namespace,
        name,
        Map.of("imageRepositoryRef", Map.of("name", repository), "policy", policy));
  }

  /** {@code spec.policy} for the highest version in {@code range}. */
  public static Map<String, Object> semver(String range) {
    return Map.of("semver", Map.of("range", range));
  }

  /**
   * {@code spec.policy} for the last tag in numerical {@code order} ({@code asc} or {@code desc}).
   */
  public static Map<String, Object> numerical(String order) {
    return Map.of("numerical", Map.of("order", order));
  }

  /** {@code spec.policy} for the last tag in alphabetical {@code order}. */
  public static Map<String, Object> alphabetical(String order) {
    return Map.of("alphabetical", Map.of("order", order));
  }

  /**
   * ImageUpdateAutomation {@code namespace/name}: every {@code interval}, checks out {@code branch}
   * of GitRepository {@code gitRepository}, rewrites the marked lines of the YAML under {@code
   * path} and pushes to the same branch a commit by {@code authorName <authorEmail>}.
   */
  public static GenericKubernetesResource imageUpdateAutomation(
      String namespace,
      String name,
      String gitRepository,
      String branch,
      String path,
      String interval,
      String authorName,
      String authorEmail) {
    return object(
        IMAGE_UPDATE_AUTOMATION,
        namespace,
        name,
        Map.of(
            "interval",
            interval,
            "sourceRef",
            Map.of("kind", "GitRepository", "name", gitRepository),
            "git",
            Map.of(
                "checkout",
                Map.of("ref", Map.of("branch", branch)),
                "commit",
                Map.of("author", Map.of("name", authorName, "email", authorEmail))),
            "update",
            Map.of("path", path, "strategy", "Setters")));
  }

  /** {@code object} with {@code spec.<field>} set to {@code value}, the rest of its spec kept. */
  @SuppressWarnings("unchecked")
  public static GenericKubernetesResource withSpec(
      GenericKubernetesResource object, String field, Object value) {
    Map<String, Object> spec =
        new LinkedHashMap<>((Map<String, Object>) object.getAdditionalProperties().get("spec"));
    spec.put(field, value);
    object.setAdditionalProperty("spec", spec);
    return object;
  }

  private static GenericKubernetesResource object(
      String kind, String namespace, String name, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(API_VERSION)
        .withKind(kind)
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", new LinkedHashMap<>(spec)))
        .build();
  }
}
