package io.harbormaster.sandbox.flux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kustomize's {@code images:} transformer: every container or init container, at any depth of an
 * object, whose image name (the reference without tag and digest) is an entry's {@code name} gets
 * the entry's {@code newName}, {@code newTag} or {@code digest}.
 */
final class ImageOverrides {
  private record Override(
      String name, Optional<String> newName, Optional<String> newTag, Optional<String> digest) {}

  private final List<Override> overrides;

  private ImageOverrides(List<Override> overrides) {
    this.overrides = overrides;
  }

  /** Reads the {@code images:} list of a kustomization file. */
  static ImageOverrides parse(JsonNode images, String file) {
    List<Override> overrides = new ArrayList<>();
    if (images == null || images.isNull()) {
      return new ImageOverrides(overrides);
    }
    if (!images.isArray()) {
      throw new BuildException(file + ": images must be a list of {name, newName, newTag, digest}");
    }
    for (JsonNode image : images) {
      String name = image.path("name").asText("");
      if (name.isEmpty()) {
        throw new BuildException(
            file
                + ": an entry of images has no name: name the image to override, e.g. 'name: postgres'");
      }
      overrides.add(
          new Override(name, text(image, "newName"), text(image, "newTag"), text(image, "digest")));
    }
    return new ImageOverrides(overrides);
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty()
        ? Optional.empty()
        : Optional.of(value.asText());
  }

  void applyTo(JsonNode object) {
    if (overrides.isEmpty() || object == null) {
      return;
    }
    if (object.isArray()) {
      object.forEach(this::applyTo);
      return;
    }
    if (!object.isObject()) {
      return;
    }
    for (String list : List.of("containers", "initContainers")) {
      for (JsonNode container : object.path(list)) {
        JsonNode image = container.get("image");
        if (container.isObject() && image != null && image.isTextual()) {
          ((ObjectNode) container).put("image", rewrite(image.asText()));
        }
      }
    }
    object.properties().forEach((Map.Entry<String, JsonNode> field) -> applyTo(field.getValue()));
  }

  private String rewrite(String image) {
    ImageReference reference = ImageReference.parse(image);
    for (Override override : overrides) {
      if (override.name().equals(reference.name())) {
        String name = override.newName().orElse(reference.name());
        if (override.digest().isPresent()) {
          return name + "@" + override.digest().get();
        }
        if (override.newTag().isPresent()) {
          return name + ":" + override.newTag().get();
        }
        return name
            + reference.tag().map(tag -> ":" + tag).orElse("")
            + reference.digest().map(d -> "@" + d).orElse("");
      }
    }
    return image;
  }

  /** {@code registry:5000/library/postgres:16.1@sha256:...} split into name, tag and digest. */
  record ImageReference(String name, Optional<String> tag, Optional<String> digest) {
    static ImageReference parse(String image) {
      int at = image.indexOf('@');
      String reference = at < 0 ? image : image.substring(0, at);
      Optional<String> digest = at < 0 ? Optional.empty() : Optional.of(image.substring(at + 1));
      int colon = reference.lastIndexOf(':');
      if (colon > reference.lastIndexOf('/')) {
        return new ImageReference(
            reference.substring(0, colon), Optional.of(reference.substring(colon + 1)), digest);
      }
      return new ImageReference(reference, Optional.empty(), digest);
    }
  }
}
