package io.harbormaster.sandbox.flux;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * source-controller's artifact storage: the last artifact each source (GitRepository,
 * OCIRepository, Bucket) stored, which is all a Kustomization ever applies. Only the reconcile
 * thread uses it.
 */
final class StoredArtifacts {
  private record Source(FluxType type, String namespace, String name) {}

  private final Map<Source, SourceArtifact> artifacts = new HashMap<>();

  /**
   * Stores {@code artifact} as the source's; whether its revision differs from the one stored
   * before.
   */
  boolean store(FluxType type, String namespace, String name, SourceArtifact artifact) {
    SourceArtifact previous = artifacts.put(new Source(type, namespace, name), artifact);
    return previous == null || !previous.revision().equals(artifact.revision());
  }

  Optional<SourceArtifact> of(FluxType type, String namespace, String name) {
    return Optional.ofNullable(artifacts.get(new Source(type, namespace, name)));
  }
}
