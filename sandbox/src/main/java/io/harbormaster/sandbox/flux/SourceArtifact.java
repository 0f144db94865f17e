package io.harbormaster.sandbox.flux;

import java.util.Map;

/**
 * One fetched commit: {@code revision} as Flux writes it ({@code <branch>@sha1:<40 hex>}) and the
 * text of its YAML files by path from the repository root.
 */
record SourceArtifact(String revision, Map<String, String> files) {
  SourceArtifact {
    files = Map.copyOf(files);
  }
}
