package io.harbormaster.cli.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a command's result goes: as text for people (a table or a description, the command's own),
 * or as one JSON or YAML document. Documents are Kubernetes resources as the API server returns
 * them, or a record whose fields are the document's keys.
 */
public final class Output {
  /**
   * Indented JSON, and fabric8's handling of Kubernetes types (quantities, times, custom
   * resources).
   */
  private static final KubernetesSerialization SERIALIZATION =
      new KubernetesSerialization(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT), true);

  private final OutputFormat format;
  private final PrintWriter out;

  public Output(OutputFormat format, PrintWriter out) {
    this.format = format;
    this.out = out;
  }

  /** Whether people read the output: progress lines belong on it then, and not in a document. */
  public boolean forPeople() {
    return format == OutputFormat.TABLE;
  }

  /** Prints {@code document} as JSON or YAML, or runs {@code asText} for a table. */
  public void print(Object document, Consumer<PrintWriter> asText) {
    switch (format) {
      case JSON -> out.println(SERIALIZATION.asJson(document));
      case YAML -> out.print(SERIALIZATION.asYaml(document));
      case TABLE -> asText.accept(out);
    }
    out.flush();
  }

  /** Prints a line for people; nothing when the output is a document. */
  public void say(String line) {
    if (forPeople()) {
      out.println(line);
      out.flush();
    }
  }

  /** A {@code kind: List} of resources, as {@code kubectl get -o json} prints several. */
  public static KubernetesList list(List<? extends HasMetadata> items) {
    KubernetesList list = new KubernetesList();
    list.setItems(new ArrayList<>(items));
    return list;
  }

  public PrintWriter writer() {
    return out;
  }
}
