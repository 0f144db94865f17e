package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What source-controller records once a fetch of a source (GitRepository, OCIRepository, Bucket) is
 * done: the artifact stored and reported in {@code status.artifact} with Ready=True, the
 * Kustomizations built from it woken when its revision is new; or, for a failed fetch, Ready=False
 * with the source's reason while the last artifact stays, retried with backoff.
 */
final class SourceFetches {
  /** Wakes what is built from the source of this type, namespace and name. */
  interface NewRevision {
    void of(FluxType type, String namespace, String name);
  }

  private final StoredArtifacts artifacts;
  private final StatusWriter status;
  private final NewRevision onNewRevision;

  SourceFetches(StoredArtifacts artifacts, StatusWriter status, NewRevision onNewRevision) {
    this.artifacts = artifacts;
    this.status = status;
    this.onNewRevision = onNewRevision;
  }

  /**
   * @param reported {@code status.artifact} beyond its revision (an OCI artifact's digest and
   *     metadata)
   */
  Outcome stored(
      FluxType type,
      GenericKubernetesResource source,
      SourceArtifact artifact,
      Map<String, Object> reported) {
    String namespace = source.getMetadata().getNamespace();
    String name = source.getMetadata().getName();
    boolean changed = artifacts.store(type, namespace, name, artifact);
    Map<String, Object> artifactStatus = new LinkedHashMap<>(reported);
    artifactStatus.put("revision", artifact.revision());
    String stored = "stored artifact for revision '" + artifact.revision() + "'";
    status
        .update(type, source)
        .field("artifact", artifactStatus)
        .condition("Ready", true, "Succeeded", stored)
        .condition("ArtifactInStorage", true, "Succeeded", stored)
        .without("FetchFailed")
        .finalized()
        .write();
    if (changed) {
      onNewRevision.of(type, namespace, name);
    }
    return Outcome.done();
  }

  Outcome failed(FluxType type, GenericKubernetesResource source, String reason, String message) {
    status
        .update(type, source)
        .condition("Reconciling", true, "Progressing", "building artifact")
        .condition("FetchFailed", true, reason, message)
        .condition("Ready", false, reason, message)
        .finalized()
        .write();
    return Outcome.retry();
  }

  /** A suspended source records only the request it handled. */
  void whileSuspended(FluxType type, GenericKubernetesResource source) {
    status.update(type, source).finalized().writeIfChanged();
  }
}
