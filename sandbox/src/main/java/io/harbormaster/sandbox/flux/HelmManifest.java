package io.harbormaster.sandbox.flux;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.google.common.hash.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Helm release's {@code manifest}: the rendered objects as one multi-document YAML string. */
final class HelmManifest {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

  private HelmManifest() {}

  /**
   * Each object as Helm prints it: {@code ---}, a {@code # Source:} comment naming its template,
   * the YAML.
   */
  static String of(String chart, List<ObjectNode> objects) {
    StringBuilder manifest = new StringBuilder();
    for (ObjectNode object : objects) {
      manifest
          .append("---\n# Source: ")
          .append(chart)
          .append("/templates/")
          .append(object.path("kind").asText().toLowerCase(Locale.ROOT))
          .append(".yaml\n");
      try {
        manifest.append(YAML.writeValueAsString(object));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException("cannot write a rendered object as YAML", e);
      }
    }
    return manifest.toString();
  }

  /**
   * The objects of a stored manifest, each with a namespace ({@code defaultNamespace} when it had
   * none and is namespaced).
   */
  static List<ObjectNode> objects(String manifest, String defaultNamespace) {
    List<ObjectNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> documents =
        YAML.readerFor(JsonNode.class).readValues(manifest)) {
      while (documents.hasNextValue()) {
        JsonNode document = documents.nextValue();
        if (document instanceof ObjectNode) {
          ObjectNode metadata = ((ObjectNode) document).withObjectProperty("metadata");
          if (ClusterScope.namespaced(document)
              && metadata.path("namespace").asText("").isEmpty()) {
            metadata.put("namespace", defaultNamespace);
          }
          objects.add((ObjectNode) document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the manifest of a release the simulation stored", e);
    }
    return objects;
  }

  /** {@code apiVersion kind namespace/name}: what tells two revisions' objects apart. */
  static String key(JsonNode object) {
    JsonNode metadata = object.path("metadata");
    return object.path("apiVersion").asText()
        + " "
        + object.path("kind").asText()
        + " "
        + metadata.path("namespace").asText("")
        + "/"
        + metadata.path("name").asText();
  }

  /** {@code sha256:<hex>}, as helm-controller writes digests. */
  static String digest(String text) {
    return "sha256:" + Hashing.sha256().hashString(text, StandardCharsets.UTF_8);
  }
}
