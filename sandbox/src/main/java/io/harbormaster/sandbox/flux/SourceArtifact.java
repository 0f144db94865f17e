package io.harbormaster.sandbox.flux;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * One artifact a source stored: {@code revision} as source-controller writes it ({@code
 * <branch>@sha1:<40 hex>} for a commit, {@code <tag>@sha256:<64 hex>} for an OCI artifact), the
 * text of its YAML files by path from the artifact's root, and its {@code metadata} (an OCI
 * artifact's annotations; none for a commit).
 */
record SourceArtifact(String revision, Map<String, String> files, Map<String, String> metadata) {
  SourceArtifact {
    files =
        files.entrySet().stream()
            .filter(file -> file.getKey().endsWith(".yaml") || file.getKey().endsWith(".yml"))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    metadata = Map.copyOf(metadata);
  }
}
