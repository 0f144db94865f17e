package io.harbormaster.core.discovery;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.WorkloadKind;
import io.harbormaster.core.model.WorkloadRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads Kubernetes objects written as YAML or JSON, one or many documents (a Helm manifest with its
 * {@code ---} separators, {@code # Source:} comments and empty documents, or one live object), and
 * keeps the apps/v1 Deployments and StatefulSets as {@link AppWorkload}s.
 *
 * <p>The text may come from a namespace's users (a Helm release), so reading it is bounded:
 * SnakeYAML's default limit of 3 Mi code points per document stays, and a document may have at most
 * {@link #MAX_DOCUMENT_TOKENS} tokens, checked as they are read, before the document's tree is
 * built.
 */
public final class ManifestReader {
  /**
   * Each document is read into a tree of about 65 bytes a token at worst (a flow list of one-letter
   * strings), so this bounds a tree to about 13 MiB, where 3 Mi code points of such a list would
   * make one of 100 MiB. An object the API server stores is at most 1.5 MiB (etcd's limit): under
   * this unless its keys and values average under 8 characters.
   */
  static final long MAX_DOCUMENT_TOKENS = 200_000;

  private static final String APPS_V1 = "apps/v1";

  private final ObjectMapper yaml;
  private final ObjectReader reader;
  private final int maxDocumentCodePoints;
  private final long maxDocumentTokens;

  public ManifestReader() {
    this(new LoaderOptions().getCodePointLimit(), MAX_DOCUMENT_TOKENS);
  }

  ManifestReader(int maxDocumentCodePoints, long maxDocumentTokens) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(maxDocumentCodePoints);
    this.maxDocumentCodePoints = maxDocumentCodePoints;
    this.maxDocumentTokens = maxDocumentTokens;
    this.yaml = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
    this.reader = yaml.readerFor(JsonNode.class);
  }

  /**
   * @param defaultNamespace where objects without {@code metadata.namespace} live (the release's)
   * @param source names the text in errors, e.g. {@code manifest of Helm release db/postgres v3}
   * @throws DiscoveryException when the text is not YAML, a document is over a limit, or a workload
   *     lacks its name
   */
  public List<AppWorkload> workloads(String text, String defaultNamespace, String source) {
    List<AppWorkload> workloads = new ArrayList<>();
    try (JsonParser parser =
            new TokenBudget(yaml.getFactory().createParser(text), maxDocumentTokens);
        MappingIterator<JsonNode> documents = reader.readValues(parser)) {
      while (documents.hasNextValue()) {
        JsonNode document = documents.nextValue();
        kindOf(document)
            .ifPresent(kind -> workloads.add(workload(kind, document, defaultNamespace, source)));
      }
    } catch (TokenBudget.Exceeded e) {
      throw new DiscoveryException(
          source
              + " has a document of more than "
              + maxDocumentTokens
              + " YAML tokens (keys, values, brackets), the most"
              + " discovery reads of one object, far more than real objects have: it is refused",
          e);
    } catch (IOException e) {
      throw new DiscoveryException(source + " " + problem(e), e);
    }
    return workloads;
  }

  /**
   * What is wrong, on one line and without quoting the text: SnakeYAML's messages show the
   * offending line, and a manifest's lines include Secrets.
   */
  private String problem(IOException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof MarkedYAMLException) {
        MarkedYAMLException marked = (MarkedYAMLException) cause;
        Mark mark = marked.getProblemMark();
        String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
        String at =
            mark == null
                ? ""
                : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        return "is not valid YAML: " + oneLine(marked.getProblem()) + context + at;
      }
      if (cause instanceof YAMLException
          && String.valueOf(cause.getMessage()).contains("exceeds the limit")) {
        return "has a document of more than "
            + maxDocumentCodePoints
            + " characters, the most discovery reads of one"
            + " object, twice what the API server stores: it is refused";
      }
    }
    String message =
        e instanceof JsonProcessingException
            ? ((JsonProcessingException) e).getOriginalMessage()
            : e.getMessage();
    return "is not valid YAML: " + oneLine(message);
  }

  private static String oneLine(String text) {
    return String.valueOf(text).replaceAll("\\s*\\R\\s*", " ").trim();
  }

  private static Optional<WorkloadKind> kindOf(JsonNode document) {
    if (document == null
        || !document.isObject()
        || !APPS_V1.equals(document.path("apiVersion").asText())) {
      return Optional.empty();
    }
    return WorkloadKind.of("apps", document.path("kind").asText());
  }

  private static AppWorkload workload(
      WorkloadKind kind, JsonNode object, String defaultNamespace, String source) {
    JsonNode metadata = object.path("metadata");
    String name = metadata.path("name").asText("");
    if (name.isEmpty()) {
      throw new DiscoveryException(source + " has a " + kind.kind() + " without metadata.name");
    }
    String namespace = metadata.path("namespace").asText("");
    WorkloadRef ref =
        WorkloadRef.of(
            kind, ObjectRef.of(namespace.isEmpty() ? defaultNamespace : namespace, name));
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

  /**
   * Counts the tokens of each document (each root value) as the tree reader pulls them, and stops a
   * document at the budget. Every way of reading a token goes through {@link #nextToken()}.
   */
  private static final class TokenBudget extends JsonParserDelegate {
    private final long max;
    private long tokens;

    TokenBudget(JsonParser parser, long max) {
      super(parser);
      this.max = max;
    }

    @Override
    public JsonToken nextToken() throws IOException {
      if (getParsingContext().inRoot()) {
        tokens = 0; // the next token starts a document
      }
      JsonToken token = super.nextToken();
      if (token != null && ++tokens > max) {
        throw new Exceeded();
      }
      return token;
    }

    @Override
    public JsonToken nextValue() throws IOException {
      JsonToken token = nextToken();
      return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    /** Signals the budget from inside the parser, so Jackson passes it up unchanged. */
    private static final class Exceeded extends IOException {
      private static final long serialVersionUID = 1L;
    }
  }
}
