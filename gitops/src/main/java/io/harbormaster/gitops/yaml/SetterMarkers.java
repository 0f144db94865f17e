package io.harbormaster.gitops.yaml;

import io.harbormaster.core.port.GitOpsException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Finds the scalars that Flux image automation would update for one ImagePolicy: the value written
 * just before a {@code # {"$imagepolicy": "<ns>:<policy>[:tag]"}} comment on the same line.
 */
final class SetterMarkers {
  private static final Pattern MARKER =
      Pattern.compile("#\\s*\\{\\s*\"\\$imagepolicy\"\\s*:\\s*\"([^\"]*)\"\\s*}");

  /** A marked scalar and whether the marker covers the whole image reference or only its tag. */
  record Marked(ScalarNode node, boolean wholeImage) {}

  private final String file;
  private final String text;
  private final Spans spans;

  SetterMarkers(String file, String text, Spans spans) {
    this.file = file;
    this.text = text;
    this.spans = spans;
  }

  List<Marked> find(List<Node> documents, String policy) {
    List<ScalarNode> values = values(documents);
    List<Marked> marked = new ArrayList<>();
    Matcher matcher = MARKER.matcher(text);
    while (matcher.find()) {
      String target = matcher.group(1);
      if (target.equals(policy + ":digest")) {
        throw fail(
            policy,
            "line "
                + spans.line(matcher.start())
                + " has a :digest marker; Harbormaster writes tags, "
                + "and a stale digest would keep the old image: remove the digest marker or the digest");
      }
      boolean wholeImage = target.equals(policy);
      if (wholeImage || target.equals(policy + ":tag")) {
        int marker = matcher.start();
        ScalarNode node =
            valueBefore(values, marker)
                .orElseThrow(
                    () ->
                        fail(
                            policy,
                            "the marker on line "
                                + spans.line(marker)
                                + " has no value before it"));
        marked.add(new Marked(node, wholeImage));
      }
    }
    if (marked.isEmpty()) {
      throw fail(
          policy,
          "no value carries the marker # {\"$imagepolicy\": \""
              + policy
              + ":tag\"} (or the "
              + "whole-image form without ':tag'); add the marker or drop the image policy from the app's git settings");
    }
    return marked;
  }

  /** The value that ends last before the marker on its line and does not contain it. */
  private Optional<ScalarNode> valueBefore(List<ScalarNode> values, int marker) {
    if (values.stream().anyMatch(v -> spans.start(v) <= marker && marker < spans.end(v))) {
      return Optional.empty();
    }
    return values.stream()
        .filter(v -> spans.end(v) <= marker && !spans.hasLineBreak(spans.end(v), marker))
        .max(Comparator.comparingInt(spans::end));
  }

  private static List<ScalarNode> values(List<Node> documents) {
    List<ScalarNode> values = new ArrayList<>();
    Map<Node, Boolean> seen = new IdentityHashMap<>();
    documents.forEach(document -> collect(document, values, seen));
    return values;
  }

  private static void collect(Node node, List<ScalarNode> values, Map<Node, Boolean> seen) {
    if (seen.put(node, Boolean.TRUE) != null) {
      return; // an alias of a node already visited, possibly recursive
    }
    if (node instanceof ScalarNode scalar) {
      values.add(scalar);
    } else if (node instanceof SequenceNode list) {
      list.getValue().forEach(element -> collect(element, values, seen));
    } else if (node instanceof MappingNode map) {
      for (NodeTuple tuple : map.getValue()) {
        collect(tuple.getValueNode(), values, seen);
      }
    }
  }

  private GitOpsException fail(String policy, String problem) {
    return new GitOpsException(file + ": image policy '" + policy + "': " + problem);
  }
}
