package io.harbormaster.sandbox.imageautomation;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.sandbox.flux.Fields;
import io.harbormaster.sandbox.flux.FluxReconciler;
import io.harbormaster.sandbox.flux.FluxType;
import io.harbormaster.sandbox.flux.Outcome;
import io.harbormaster.sandbox.flux.StatusWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Plays image-reflector-controller for one ImagePolicy: reads the tags its ImageRepository's last
 * scan stored and records the tag {@link TagPolicy} chooses in {@code status.latestRef} ({@code
 * name} is the repository's {@code spec.image}), the previous one in {@code observedPreviousRef}.
 * It runs when the policy's spec changes and when its repository's scan finds a new revision; a new
 * latest image wakes the ImageUpdateAutomations of its namespace. A missing repository is retried
 * with backoff ({@code DependencyNotReady}), a repository not scanned yet waits for its scan, no
 * matching tag is {@code Failure} retried with backoff, and an invalid policy stalls.
 */
final class ImagePolicyReconciler implements FluxReconciler {
  /** Wakes the ImageUpdateAutomations of {@code namespace}. */
  interface NewLatest {
    void in(String namespace);
  }

  private final KubernetesClient client;
  private final TagDatabase database;
  private final StatusWriter status;
  private final NewLatest onNewLatest;

  ImagePolicyReconciler(
      KubernetesClient client, TagDatabase database, StatusWriter status, NewLatest onNewLatest) {
    this.client = client;
    this.database = database;
    this.status = status;
    this.onNewLatest = onNewLatest;
  }

  @Override
  public Outcome reconcile(GenericKubernetesResource policy) {
    String namespace = policy.getMetadata().getNamespace();
    String repositoryNamespace =
        Fields.text(policy, "spec", "imageRepositoryRef", "namespace").orElse(namespace);
    String repositoryName = Fields.text(policy, "spec", "imageRepositoryRef", "name").orElse("");
    if (!Fields.text(policy, "spec", "digestReflectionPolicy").orElse("Never").equals("Never")) {
      return ImageConditions.stalled(
          status.update(FluxType.IMAGE_POLICY, policy),
          "InvalidPolicy",
          "the sandbox does not reflect digests: spec.digestReflectionPolicy must be Never");
    }
    GenericKubernetesResource repository =
        ImageApi.resources(client, ImageApi.IMAGE_REPOSITORY)
            .inNamespace(repositoryNamespace)
            .withName(repositoryName)
            .get();
    if (repository == null) {
      return ImageConditions.failed(
          status.update(FluxType.IMAGE_POLICY, policy),
          "DependencyNotReady",
          "failed to get the referred ImageRepository: referenced ImageRepository does not exist:"
              + " ImageRepository.image.toolkit.fluxcd.io \""
              + repositoryName
              + "\" not found");
    }
    String image = Fields.text(repository, "spec", "image").orElse("");
    try {
      ImageNames.parse(image);
    } catch (IllegalArgumentException refused) {
      return ImageConditions.stalled(
          status.update(FluxType.IMAGE_POLICY, policy), "ImageURLInvalid", refused.getMessage());
    }
    TagPolicy tagPolicy;
    try {
      tagPolicy =
          TagPolicy.of(
              Fields.map(policy, "spec", "policy"), Fields.map(policy, "spec", "filterTags"));
    } catch (TagPolicy.InvalidPolicy invalid) {
      return ImageConditions.stalled(
          status.update(FluxType.IMAGE_POLICY, policy), "InvalidPolicy", invalid.getMessage());
    }
    var tags = database.tags(Fields.text(repository, "status", "canonicalImageName").orElse(""));
    if (tags.isEmpty()) {
      return ImageConditions.waiting(
          status.update(FluxType.IMAGE_POLICY, policy),
          "DependencyNotReady",
          "no tags in database");
    }
    String latest;
    try {
      latest = tagPolicy.latest(tags);
    } catch (TagPolicy.NoLatest none) {
      return ImageConditions.failed(
          status.update(FluxType.IMAGE_POLICY, policy), "Failure", none.getMessage());
    }
    Map<String, Object> latestRef = new LinkedHashMap<>();
    latestRef.put("name", image);
    latestRef.put("tag", latest);
    Map<String, Object> before = Fields.map(policy, "status", "latestRef");
    boolean changed = !Objects.equals(new LinkedHashMap<>(before), latestRef);
    Map<String, Object> previous =
        changed ? before : Fields.map(policy, "status", "observedPreviousRef");
    StatusWriter.Update update =
        status.update(FluxType.IMAGE_POLICY, policy).field("latestRef", latestRef);
    if (previous.isEmpty()) {
      update.omit("observedPreviousRef");
    } else {
      update.field("observedPreviousRef", previous);
    }
    update
        .without("Stalled")
        .condition("Ready", true, "Succeeded", readyMessage(latestRef, previous))
        .finalized()
        .write();
    if (changed) {
      onNewLatest.in(namespace);
    }
    return Outcome.done();
  }

  @Override
  public void whileSuspended(GenericKubernetesResource policy) {
    status.update(FluxType.IMAGE_POLICY, policy).writeIfChanged();
  }

  private static String readyMessage(Map<String, Object> latest, Map<String, Object> previous) {
    String message =
        "Latest image tag for " + latest.get("name") + " resolved to " + latest.get("tag");
    if (!previous.isEmpty() && !previous.equals(latest)) {
      message += " (previously " + previous.get("name") + ":" + previous.get("tag") + ")";
    }
    return message;
  }

  /** Whether {@code policy} chooses from ImageRepository {@code namespace/name}. */
  static boolean readsFrom(GenericKubernetesResource policy, String namespace, String name) {
    return name.equals(Fields.text(policy, "spec", "imageRepositoryRef", "name").orElse(""))
        && namespace.equals(
            Fields.text(policy, "spec", "imageRepositoryRef", "namespace")
                .orElse(policy.getMetadata().getNamespace()));
  }
}
