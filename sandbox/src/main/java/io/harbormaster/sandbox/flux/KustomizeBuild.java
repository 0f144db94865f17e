package io.harbormaster.sandbox.flux;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What kustomize-controller builds from a directory of a commit. With a {@code kustomization.yaml}
 * there: the files and directories its {@code resources:} list names (a directory is built the same
 * way), then its {@code namespace:} and {@code images:}; without one: every YAML file under the
 * directory, as Flux generates a kustomization then. Other kustomize features (patches, generators,
 * components, remote bases) are not simulated.
 */
final class KustomizeBuild {
  private static final List<String> KUSTOMIZATION_FILES =
      List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, String> files;

  /**
   * @param files the commit's YAML files by path from the repository root
   */
  KustomizeBuild(Map<String, String> files) {
    this.files = files;
  }

  /**
   * @param path {@code spec.path}: from the repository root, with or without {@code ./} or {@code
   *     /}
   * @throws BuildException naming the file and what is wrong with it
   */
  List<ObjectNode> build(String path) {
    String directory =
        normalize("", path.startsWith("/") ? path.substring(1) : path)
            .orElseThrow(
                () -> new BuildException("spec.path '" + path + "' points outside the repository"));
    if (filesUnder(directory).isEmpty()) {
      throw new BuildException(
          "spec.path '" + path + "' holds no YAML file in this revision: check spec.path");
    }
    List<ObjectNode> objects = directory(directory);
    Set<String> ids = new HashSet<>();
    for (ObjectNode object : objects) {
      String id =
          object.path("kind").asText()
              + " "
              + object.path("metadata").path("namespace").asText("")
              + "/"
              + object.path("metadata").path("name").asText();
      if (!ids.add(id)) {
        throw new BuildException(
            "the build of '" + path + "' holds " + id + " twice: keep one of them");
      }
    }
    return objects;
  }

  private List<ObjectNode> directory(String directory) {
    Optional<String> kustomizationFile =
        KUSTOMIZATION_FILES.stream()
            .map(name -> join(directory, name))
            .filter(files::containsKey)
            .findFirst();
    if (kustomizationFile.isEmpty()) {
      List<ObjectNode> objects = new ArrayList<>();
      filesUnder(directory).forEach(file -> objects.addAll(objects(file)));
      return objects;
    }
    String file = kustomizationFile.get();
    JsonNode kustomization =
        documents(file).stream()
            .findFirst()
            .orElseThrow(() -> new BuildException(file + " is empty"));
    List<ObjectNode> objects = new ArrayList<>();
    for (JsonNode resource : kustomization.path("resources")) {
      String entry = resource.asText("");
      String target =
          normalize(directory, entry)
              .orElseThrow(
                  () ->
                      new BuildException(
                          file + ": resource '" + entry + "' points outside the repository"));
      if (files.containsKey(target)) {
        objects.addAll(objects(target));
      } else if (!filesUnder(target).isEmpty()) {
        objects.addAll(directory(target));
      } else {
        throw new BuildException(
            file + ": resource '" + entry + "' does not exist in this revision");
      }
    }
    String namespace = kustomization.path("namespace").asText("");
    if (!namespace.isEmpty()) {
      objects.stream()
          .filter(ClusterScope::namespaced)
          .forEach(object -> ((ObjectNode) object.get("metadata")).put("namespace", namespace));
    }
    ImageOverrides images = ImageOverrides.parse(kustomization.get("images"), file);
    objects.forEach(images::applyTo);
    return objects;
  }

  /** The Kubernetes objects of one file, each checked for apiVersion, kind and metadata.name. */
  private List<ObjectNode> objects(String file) {
    List<ObjectNode> objects = new ArrayList<>();
    for (JsonNode document : documents(file)) {
      if (!document.isObject()) {
        throw new BuildException(file + ": a document is not a Kubernetes object (a YAML mapping)");
      }
      for (String field : List.of("apiVersion", "kind")) {
        if (document.path(field).asText("").isEmpty()) {
          throw new BuildException(file + ": an object has no " + field);
        }
      }
      if (document.path("metadata").path("name").asText("").isEmpty()) {
        throw new BuildException(
            file + ": a " + document.path("kind").asText() + " has no metadata.name");
      }
      objects.add((ObjectNode) document);
    }
    return objects;
  }

  /** The non-empty documents of a YAML file. */
  private List<JsonNode> documents(String file) {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> iterator =
        YAML.readerFor(JsonNode.class).readValues(files.get(file))) {
      while (iterator.hasNextValue()) {
        JsonNode document = iterator.nextValue();
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      }
    } catch (JsonProcessingException e) {
      throw new BuildException(
          file + " is not valid YAML: " + e.getOriginalMessage() + locationOf(e));
    } catch (IOException | RuntimeException e) {
      throw new BuildException(file + " is not valid YAML: " + e.getMessage());
    }
    return documents;
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  private List<String> filesUnder(String directory) {
    String prefix = directory.isEmpty() ? "" : directory + "/";
    return files.keySet().stream()
        .filter(file -> file.startsWith(prefix))
        .sorted()
        .collect(Collectors.toList());
  }

  /**
   * {@code entry} resolved against {@code directory}, without {@code ./} and {@code ..}; empty when
   * it leaves the root.
   */
  private static Optional<String> normalize(String directory, String entry) {
    if (entry.startsWith("/")) {
      return Optional.empty();
    }
    Path resolved = Path.of(directory).resolve(entry).normalize();
    return resolved.startsWith("..") ? Optional.empty() : Optional.of(resolved.toString());
  }

  private static String join(String directory, String name) {
    return directory.isEmpty() ? name : directory + "/" + name;
  }
}
