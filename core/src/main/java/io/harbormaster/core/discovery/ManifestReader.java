package io.harbormaster.core.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.WorkloadKind;
import io.harbormaster.core.model.WorkloadRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads Kubernetes objects written as YAML or JSON, one or many documents (a Helm manifest with its
 * {@code ---} separators, {@code # Source:} comments and empty documents, or one live object), and
 * keeps the apps/v1 Deployments and StatefulSets as {@link AppWorkload}s.
 */
public final class ManifestReader {
  private static final String APPS_V1 = "apps/v1";

  private final ObjectReader reader;

  public ManifestReader() {
    LoaderOptions options = new LoaderOptions();
    // SnakeYAML stops at 3 MB by default; the text is already in memory and bounded by its source.
    options.setCodePointLimit(Integer.MAX_VALUE);
    this.reader = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build()).readerFor(JsonNode.class);
  }

  /**
   * @param defaultNamespace where objects without {@code metadata.namespace} live (the release's)
   * @param source names the text in errors, e.g. {@code manifest of Helm release db/postgres v3}
   * @throws DiscoveryException when the text is not YAML or a workload lacks its name
   */
  public List<AppWorkload> workloads(String text, String defaultNamespace, String source) {
    List<AppWorkload> workloads = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = reader.readValues(text)) {
      while (documents.hasNextValue()) {
        JsonNode document = documents.nextValue();
        kindOf(document).ifPresent(kind -> workloads.add(workload(kind, document, defaultNamespace, source)));
      }
    } catch (IOException e) {
      throw new DiscoveryException(source + " is not valid YAML: " + e.getMessage(), e);
    }
    return workloads;
  }

  private static Optional<WorkloadKind> kindOf(JsonNode document) {
    if (document == null || !document.isObject() || !APPS_V1.equals(document.path("apiVersion").asText())) {
      return Optional.empty();
    }
    return WorkloadKind.of("apps", document.path("kind").asText());
  }

  private static AppWorkload workload(WorkloadKind kind, JsonNode object, String defaultNamespace, String source) {
    JsonNode metadata = object.path("metadata");
    String name = metadata.path("name").asText("");
    if (name.isEmpty()) {
      throw new DiscoveryException(source + " has a " + kind.kind() + " without metadata.name");
    }
    String namespace = metadata.path("namespace").asText("");
    WorkloadRef ref = WorkloadRef.of(kind, ObjectRef.of(namespace.isEmpty() ? defaultNamespace : namespace, name));
    var builder = AppWorkload.builder().ref(ref);
    JsonNode spec = object.path("spec");
    for (JsonNode volume : spec.path("template").path("spec").path("volumes")) {
      String claim = volume.path("persistentVolumeClaim").path("claimName").asText("");
      if (!claim.isEmpty()) {
        builder.addClaimName(claim);
      }
    }
    for (JsonNode template : spec.path("volumeClaimTemplates")) {
      String templateName = template.path("metadata").path("name").asText("");
      if (!templateName.isEmpty()) {
        builder.addClaimTemplate(templateName);
      }
    }
    return builder.build();
  }
}
