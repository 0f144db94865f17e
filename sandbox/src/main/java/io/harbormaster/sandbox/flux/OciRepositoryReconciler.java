package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.harbormaster.sandbox.oci.OciArtifact;
import io.harbormaster.sandbox.oci.OciRegistry;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Plays source-controller for one OCIRepository: resolves {@code spec.ref.tag} ({@code latest} by
 * default) of {@code spec.url} in the sandbox's {@link OciRegistry} on the repository's interval or
 * when asked, never otherwise, so an artifact pushed meanwhile waits, as on a real cluster. The
 * artifact's revision is {@code <tag>@sha256:<manifest digest>} and its metadata the manifest's
 * annotations ({@code org.opencontainers.image.revision} among them, which kustomize-controller
 * records as the origin revision). A tag the registry lacks is Ready=False {@code
 * OCIArtifactPullFailed}, retried with backoff.
 */
final class OciRepositoryReconciler implements FluxReconciler {
  private final OciRegistry registry;
  private final SourceFetches fetches;

  OciRepositoryReconciler(OciRegistry registry, SourceFetches fetches) {
    this.registry = registry;
    this.fetches = fetches;
  }

  @Override
  public Outcome reconcile(GenericKubernetesResource repository) {
    String url = Fields.text(repository, "spec", "url").orElse("");
    Map<String, Object> ref = Fields.map(repository, "spec", "ref");
    if (ref.containsKey("semver") || ref.containsKey("digest")) {
      return fetches.failed(
          FluxType.OCI_REPOSITORY,
          repository,
          "OCIArtifactPullFailed",
          "the sandbox resolves spec.ref.tag only, not semver or digest references");
    }
    String tag = Fields.text(repository, "spec", "ref", "tag").orElse("latest");
    Optional<OciArtifact> pulled = registry.pull(url, tag);
    if (pulled.isEmpty()) {
      return fetches.failed(
          FluxType.OCI_REPOSITORY,
          repository,
          "OCIArtifactPullFailed",
          "failed to determine artifact digest: GET "
              + manifestUrl(url, tag)
              + ": MANIFEST_UNKNOWN: manifest unknown");
    }
    OciArtifact artifact = pulled.get();
    return fetches.stored(
        FluxType.OCI_REPOSITORY,
        repository,
        new SourceArtifact(tag + "@" + artifact.digest(), artifact.files(), artifact.annotations()),
        Map.of("metadata", artifact.annotations()));
  }

  @Override
  public void whileSuspended(GenericKubernetesResource repository) {
    fetches.whileSuspended(FluxType.OCI_REPOSITORY, repository);
  }

  /** The Distribution API address of the tag's manifest, as the registry client names it. */
  private static String manifestUrl(String url, String tag) {
    URI oci = URI.create(url);
    return "https://" + oci.getHost() + "/v2" + oci.getPath() + "/manifests/" + tag;
  }
}
