package io.harbormaster.sandbox.oci;

import java.util.Map;

/**
 * An artifact pulled from the registry: the {@code sha256:<64 hex>} digest of its manifest, the
 * manifest's annotations, and the files of its content layer by path.
 */
public record OciArtifact(
    String digest, Map<String, String> annotations, Map<String, String> files) {
  public OciArtifact {
    annotations = Map.copyOf(annotations);
    files = Map.copyOf(files);
  }
}
