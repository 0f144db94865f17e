package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/**
 * Plays source-controller for one GitRepository: fetches the tip of {@code spec.ref.branch} from
 * {@code spec.url}, stores it as the repository's artifact and records its revision in {@code
 * status.artifact.revision}. It runs on the repository's interval and when asked ({@code
 * reconcile.fluxcd.io/requestedAt}), never otherwise: a commit pushed meanwhile waits, as on a real
 * cluster. A new revision wakes the Kustomizations built from it; a failed fetch keeps the last
 * artifact and is retried with backoff, as source-controller does ({@link SourceFetches}).
 */
final class GitRepositoryReconciler implements FluxReconciler {
  private final GitSources sources;
  private final SourceFetches fetches;

  GitRepositoryReconciler(GitSources sources, SourceFetches fetches) {
    this.sources = sources;
    this.fetches = fetches;
  }

  @Override
  public Outcome reconcile(GenericKubernetesResource repository) {
    SourceArtifact artifact;
    try {
      String url =
          Fields.text(repository, "spec", "url")
              .orElseThrow(
                  () ->
                      new SourceException(
                          "GitRepository " + Fields.ref(repository) + " has no spec.url"));
      artifact =
          sources.fetch(url, Fields.text(repository, "spec", "ref", "branch").orElse("master"));
    } catch (SourceException e) {
      return fetches.failed(
          FluxType.GIT_REPOSITORY, repository, "GitOperationFailed", e.getMessage());
    }
    return fetches.stored(FluxType.GIT_REPOSITORY, repository, artifact, Map.of());
  }

  @Override
  public void whileSuspended(GenericKubernetesResource repository) {
    fetches.whileSuspended(FluxType.GIT_REPOSITORY, repository);
  }
}
