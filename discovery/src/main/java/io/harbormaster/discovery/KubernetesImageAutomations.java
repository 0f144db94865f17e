package io.harbormaster.discovery;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.harbormaster.core.automation.ImageAutomation;
import io.harbormaster.core.automation.ImageAutomationSearch;
import io.harbormaster.core.automation.ImagePolicyChoice;
import io.harbormaster.core.model.InvalidSpecException;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.RepositoryUrl;
import io.harbormaster.core.port.ImageAutomations;
import io.harbormaster.core.tenancy.Tenancy;
import io.harbormaster.core.tenancy.TenancyViolation;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the ImageUpdateAutomations ({@code image.toolkit.fluxcd.io/v1}) that write an app's file:
 * one list per namespace the app may touch ({@link Tenancy#namespacesToSearch}), then one GET per
 * GitRepository they push through; core's {@link ImageAutomation#writes} decides. A cluster that
 * does not serve the kind (the list answers 404: image automation is not installed) has none. What
 * cannot be read (a namespace whose automations may not be listed, a GitRepository that is missing,
 * may not be read or lies in a namespace the app may not touch) is skipped with the reason; only an
 * API server that does not answer is an exception.
 */
public final class KubernetesImageAutomations implements ImageAutomations {
  static final ResourceDefinitionContext AUTOMATIONS =
      new ResourceDefinitionContext.Builder()
          .withGroup("image.toolkit.fluxcd.io")
          .withVersion("v1")
          .withKind("ImageUpdateAutomation")
          .withPlural("imageupdateautomations")
          .withNamespaced(true)
          .build();

  static final ResourceDefinitionContext POLICIES =
      new ResourceDefinitionContext.Builder()
          .withGroup("image.toolkit.fluxcd.io")
          .withVersion("v1")
          .withKind("ImagePolicy")
          .withPlural("imagepolicies")
          .withNamespaced(true)
          .build();

  static final ResourceDefinitionContext GIT_REPOSITORIES =
      new ResourceDefinitionContext.Builder()
          .withGroup("source.toolkit.fluxcd.io")
          .withVersion("v1")
          .withKind("GitRepository")
          .withPlural("gitrepositories")
          .withNamespaced(true)
          .build();

  private static final String GIT_REPOSITORY = "GitRepository";

  private final KubernetesClient client;
  private final Tenancy tenancy;

  /**
   * @param tenancy which namespaces it may read for an app besides the app's own
   */
  public KubernetesImageAutomations(KubernetesClient client, Tenancy tenancy) {
    this.client = client;
    this.tenancy = tenancy;
  }

  @Override
  public Optional<Boolean> suspended(ObjectRef automation) {
    return get(AUTOMATIONS, automation)
        .map(found -> Boolean.TRUE.equals(found.get("spec", "suspend")));
  }

  @Override
  public Optional<ImagePolicyChoice> policy(ObjectRef policy) {
    return get(POLICIES, policy).map(found -> choice(policy, found));
  }

  private static ImagePolicyChoice choice(ObjectRef policy, GenericKubernetesResource found) {
    Map<String, String> labels =
        Optional.ofNullable(found.getMetadata().getLabels()).orElse(Map.of());
    Optional<ObjectRef> appliedBy =
        Optional.ofNullable(labels.get("kustomize.toolkit.fluxcd.io/name"))
            .map(
                name ->
                    ObjectRef.of(
                        labels.getOrDefault(
                            "kustomize.toolkit.fluxcd.io/namespace", policy.namespace()),
                        name));
    Object observed = found.get("status", "observedGeneration");
    return ImagePolicyChoice.builder()
        .ref(policy)
        .semverRange(Optional.ofNullable(found.get("spec", "policy", "semver", "range")))
        .latestTag(Optional.ofNullable(found.get("status", "latestRef", "tag")))
        .settled(
            observed instanceof Number number
                && number.longValue()
                    >= Optional.ofNullable(found.getMetadata().getGeneration()).orElse(0L))
        .appliedBy(appliedBy)
        .build();
  }

  private Optional<GenericKubernetesResource> get(ResourceDefinitionContext kind, ObjectRef ref) {
    return Optional.ofNullable(
        client
            .genericKubernetesResources(kind)
            .inNamespace(ref.namespace())
            .withName(ref.name())
            .get());
  }

  @Override
  public ImageAutomationSearch writingTo(ManagedApp app) {
    List<ImageAutomation> automations = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Map<ObjectRef, Source> sources = new HashMap<>();
    for (String namespace : tenancy.namespacesToSearch(app)) {
      List<GenericKubernetesResource> listed;
      try {
        listed =
            client.genericKubernetesResources(AUTOMATIONS).inNamespace(namespace).list().getItems();
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
          return ImageAutomationSearch.none();
        }
        if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
          throw e;
        }
        skipped.add(
            "the ImageUpdateAutomations of namespace "
                + namespace
                + " may not be listed: "
                + refusal(e));
        continue;
      }
      for (GenericKubernetesResource automation : listed) {
        ObjectRef ref = ObjectRef.of(namespace, automation.getMetadata().getName());
        Optional<ObjectRef> sourceRef = sourceOf(ref, automation);
        if (sourceRef.isEmpty()) {
          continue;
        }
        Source source = sources.computeIfAbsent(sourceRef.get(), each -> source(app, each));
        if (source.problem().isPresent()) {
          skipped.add("ImageUpdateAutomation " + ref + ": " + source.problem().get());
          continue;
        }
        automations.add(automation(ref, automation, sourceRef.get(), source));
      }
    }
    return ImageAutomationSearch.of(app.git(), automations, skipped);
  }

  /**
   * The GitRepository the automation clones and pushes to; empty when it writes nowhere, as the
   * controller refuses to run it: its source is not a GitRepository, or it has no {@code spec.git}.
   */
  private static Optional<ObjectRef> sourceOf(ObjectRef ref, GenericKubernetesResource automation) {
    Optional<String> name = text(automation, "spec", "sourceRef", "name");
    if (name.isEmpty()
        || !text(automation, "spec", "sourceRef", "kind")
            .orElse(GIT_REPOSITORY)
            .equals(GIT_REPOSITORY)
        || !(automation.get("spec", "git") instanceof Map)) {
      return Optional.empty();
    }
    return Optional.of(
        ObjectRef.of(
            text(automation, "spec", "sourceRef", "namespace").orElse(ref.namespace()),
            name.get()));
  }

  private static ImageAutomation automation(
      ObjectRef ref, GenericKubernetesResource automation, ObjectRef sourceRef, Source source) {
    return ImageAutomation.builder()
        .ref(ref)
        .source(sourceRef)
        .repository(source.url().orElseThrow())
        .pushBranch(text(automation, "spec", "git", "push", "branch"))
        .checkoutBranch(text(automation, "spec", "git", "checkout", "ref", "branch"))
        .sourceBranch(source.branch())
        .updatePath(text(automation, "spec", "update", "path").orElse("."))
        .suspended(Boolean.TRUE.equals(automation.get("spec", "suspend")))
        .build();
  }

  /** The GitRepository's URL and branch, or why they cannot be read. */
  private Source source(ManagedApp app, ObjectRef ref) {
    String name = "its GitRepository " + ref;
    try {
      tenancy.require(app.id(), "GitRepository " + ref, ref.namespace(), "spec.sourceRef");
    } catch (TenancyViolation outside) {
      return Source.unreadable(outside.getMessage());
    }
    GenericKubernetesResource repository;
    try {
      repository =
          client
              .genericKubernetesResources(GIT_REPOSITORIES)
              .inNamespace(ref.namespace())
              .withName(ref.name())
              .get();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
        throw e;
      }
      return Source.unreadable(name + " may not be read: " + refusal(e));
    }
    if (repository == null) {
      return Source.unreadable(name + " does not exist");
    }
    Optional<String> url = text(repository, "spec", "url");
    if (url.isEmpty()) {
      return Source.unreadable(name + " has no spec.url");
    }
    try {
      return new Source(
          Optional.of(RepositoryUrl.parse(url.get())),
          text(repository, "spec", "ref", "branch"),
          Optional.empty());
    } catch (InvalidSpecException unreadable) {
      // Not quoted: a mistyped URL may hold a token where the port would be.
      return Source.unreadable(name + " has a spec.url whose port is not a number from 1 to 65535");
    }
  }

  /** The API server's words for a 403, which name who was refused what. */
  private static String refusal(KubernetesClientException forbidden) {
    return forbidden.getStatus() != null && forbidden.getStatus().getMessage() != null
        ? forbidden.getStatus().getMessage()
        : forbidden.getMessage();
  }

  private static Optional<String> text(GenericKubernetesResource object, Object... path) {
    Object value = object.get(path);
    return value instanceof String text && !text.isBlank()
        ? Optional.of(text.trim())
        : Optional.empty();
  }

  /** A GitRepository as an automation's writes need it, or why it cannot be read. */
  private record Source(
      Optional<RepositoryUrl> url, Optional<String> branch, Optional<String> problem) {
    static Source unreadable(String problem) {
      return new Source(Optional.empty(), Optional.empty(), Optional.of(problem));
    }
  }
}
