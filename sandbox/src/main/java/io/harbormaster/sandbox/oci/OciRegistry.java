package io.harbormaster.sandbox.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An OCI registry holding Flux artifacts in memory, as {@code flux push artifact} stores them: a
 * content layer (the files, {@link ContentLayer}), an empty Flux config blob, and an image manifest
 * naming both and carrying the push's annotations; each blob and the manifest are addressed by the
 * SHA-256 digest of their bytes, and a tag names a manifest. Thread-safe: a CI pushes while Flux
 * pulls.
 */
public final class OciRegistry {
  /** The registry's host in its URLs, {@code oci://registry.sandbox.example/<repository>}. */
  public static final String HOST = "registry.sandbox.example";

  /** The annotations {@code flux push artifact --source --revision} writes. */
  public static final String SOURCE_ANNOTATION = "org.opencontainers.image.source";

  public static final String REVISION_ANNOTATION = "org.opencontainers.image.revision";
  public static final String CREATED_ANNOTATION = "org.opencontainers.image.created";

  private static final String CONFIG_MEDIA_TYPE = "application/vnd.cncf.flux.config.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, byte[]> blobs = new HashMap<>();
  private final Map<String, Map<String, String>> tags = new HashMap<>();

  /** The URL of {@code repository} in this registry, as an OCIRepository's {@code spec.url}. */
  public static String url(String repository) {
    return "oci://" + HOST + "/" + repository;
  }

  /**
   * Stores {@code files} as an artifact with {@code annotations} and points {@code tag} at it.
   *
   * @return the manifest's digest, {@code sha256:<64 hex>}
   */
  public synchronized String push(
      String url, String tag, Map<String, String> files, Map<String, String> annotations) {
    byte[] layer = ContentLayer.pack(files);
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    manifest.set("config", descriptor(CONFIG_MEDIA_TYPE, store(config), config.length));
    manifest
        .putArray("layers")
        .add(descriptor(ContentLayer.MEDIA_TYPE, store(layer), layer.length));
    manifest.set("annotations", JSON.valueToTree(new LinkedHashMap<>(annotations)));
    String digest = store(manifest.toString().getBytes(StandardCharsets.UTF_8));
    tags.computeIfAbsent(url, repository -> new HashMap<>()).put(tag, digest);
    return digest;
  }

  /** The artifact {@code tag} names now; empty when the repository has no such tag. */
  public synchronized Optional<OciArtifact> pull(String url, String tag) {
    String digest = tags.getOrDefault(url, Map.of()).get(tag);
    if (digest == null) {
      return Optional.empty();
    }
    try {
      JsonNode manifest = JSON.readTree(blobs.get(digest));
      Map<String, String> annotations = new LinkedHashMap<>();
      manifest
          .path("annotations")
          .fields()
          .forEachRemaining(field -> annotations.put(field.getKey(), field.getValue().asText()));
      byte[] layer = blobs.get(manifest.path("layers").path(0).path("digest").asText());
      return Optional.of(new OciArtifact(digest, annotations, ContentLayer.unpack(layer)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the manifest the registry stored", e);
    }
  }

  private String store(byte[] blob) {
    String digest = digest(blob);
    blobs.put(digest, blob);
    return digest;
  }

  private static ObjectNode descriptor(String mediaType, String digest, long size) {
    ObjectNode descriptor = JSON.createObjectNode();
    descriptor.put("mediaType", mediaType);
    descriptor.put("digest", digest);
    descriptor.put("size", size);
    return descriptor;
  }

  /** {@code sha256:<64 hex>} of the bytes, as OCI content addresses are written. */
  static String digest(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
