package io.harbormaster.sandbox.flux;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * source-controller's artifact storage: the last commit each GitRepository fetched, which is all a
 * Kustomization ever applies. Only the reconcile thread uses it.
 */
final class StoredArtifacts {
  private record Source(String namespace, String name) {}

  private final Map<Source, SourceArtifact> artifacts = new HashMap<>();

  /**
   * Stores {@code artifact} as the repository's; whether its revision differs from the one stored
   * before.
   */
  boolean store(String namespace, String name, SourceArtifact artifact) {
    SourceArtifact previous = artifacts.put(new Source(namespace, name), artifact);
    return previous == null || !previous.revision().equals(artifact.revision());
  }

  Optional<SourceArtifact> of(String namespace, String name) {
    return Optional.ofNullable(artifacts.get(new Source(namespace, name)));
  }
}
