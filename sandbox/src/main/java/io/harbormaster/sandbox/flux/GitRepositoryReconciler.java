package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Plays source-controller for one GitRepository: fetches the tip of {@code spec.ref.branch} from
 * {@code spec.url}, stores it as the repository's artifact and records its revision in {@code
 * status.artifact.revision}. It runs on the repository's interval and when asked ({@code
 * reconcile.fluxcd.io/requestedAt}), never otherwise: a commit pushed meanwhile waits, as on a real
 * cluster. A new revision wakes the Kustomizations built from it ({@code onNewRevision}); a failed
 * fetch keeps the last artifact and is retried with backoff, as source-controller does.
 */
final class GitRepositoryReconciler implements FluxReconciler {
  private final GitSources sources;
  private final StoredArtifacts artifacts;
  private final StatusWriter status;
  private final BiConsumer<String, String> onNewRevision;

  GitRepositoryReconciler(
      GitSources sources,
      StoredArtifacts artifacts,
      StatusWriter status,
      BiConsumer<String, String> onNewRevision) {
    this.sources = sources;
    this.artifacts = artifacts;
    this.status = status;
    this.onNewRevision = onNewRevision;
  }

  @Override
  public Outcome reconcile(GenericKubernetesResource repository) {
    String namespace = repository.getMetadata().getNamespace();
    String name = repository.getMetadata().getName();
    SourceArtifact artifact;
    try {
      String url =
          Fields.text(repository, "spec", "url")
              .orElseThrow(
                  () ->
                      new SourceException(
                          "GitRepository " + namespace + "/" + name + " has no spec.url"));
      artifact =
          sources.fetch(url, Fields.text(repository, "spec", "ref", "branch").orElse("master"));
    } catch (SourceException e) {
      status
          .update(FluxType.GIT_REPOSITORY, repository)
          .condition("Reconciling", true, "Progressing", "building artifact")
          .condition("Ready", false, "GitOperationFailed", e.getMessage())
          .finalized()
          .write();
      return Outcome.retry();
    }
    boolean changed = artifacts.store(namespace, name, artifact);
    status
        .update(FluxType.GIT_REPOSITORY, repository)
        .field("artifact", Map.of("revision", artifact.revision()))
        .condition(
            "Ready",
            true,
            "Succeeded",
            "stored artifact for revision '" + artifact.revision() + "'")
        .finalized()
        .write();
    if (changed) {
      onNewRevision.accept(namespace, name);
    }
    return Outcome.done();
  }

  @Override
  public void whileSuspended(GenericKubernetesResource repository) {
    status.update(FluxType.GIT_REPOSITORY, repository).finalized().writeIfChanged();
  }
}
