package io.harbormaster.gitops.yaml;

import io.harbormaster.core.port.GitOpsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Finds the one scalar a {@link YamlPath} names across the documents of a file. A path that is
 * missing, ambiguous, ends on a map or list, or goes through an anchor is refused with the file and
 * path named: editing an anchored node would silently change every alias of it too.
 */
final class PathResolver {
  /** Either the node reached or why the path stops in this document. */
  private record Walk(Node node, String miss) {}

  private final String file;

  PathResolver(String file) {
    this.file = file;
  }

  ScalarNode resolve(List<Node> documents, YamlPath path) {
    List<Node> found = new ArrayList<>();
    List<Integer> foundIn = new ArrayList<>();
    String firstMiss = null;
    for (int i = 0; i < documents.size(); i++) {
      Walk walk = walk(documents.get(i), path);
      if (walk.node() != null) {
        found.add(walk.node());
        foundIn.add(i + 1);
      } else if (firstMiss == null) {
        firstMiss = walk.miss();
      }
    }
    if (found.isEmpty()) {
      String where =
          documents.size() > 1 ? " (in none of its " + documents.size() + " documents)" : "";
      throw fail(
          path, "does not exist: " + (firstMiss == null ? "the file is empty" : firstMiss) + where);
    }
    if (found.size() > 1) {
      throw fail(
          path, "matches in documents " + foundIn + " of the file; it must name exactly one value");
    }
    Node node = found.get(0);
    if (!(node instanceof ScalarNode scalar)) {
      throw fail(
          path,
          "points at a "
              + kind(node)
              + ", not a scalar value; extend the path to the value to change");
    }
    return scalar;
  }

  private Walk walk(Node root, YamlPath path) {
    Node current = root;
    StringBuilder walked = new StringBuilder();
    for (YamlPath.Segment segment : path.segments()) {
      if (!segment.key().isEmpty()) {
        if (!(current instanceof MappingNode map)) {
          return miss(
              where(walked)
                  + " is a "
                  + kind(current)
                  + ", not a map with key '"
                  + segment.key()
                  + "'");
        }
        Optional<Node> value = value(map, segment.key(), path);
        if (value.isEmpty()) {
          return miss(
              "there is no key '" + segment.key() + "' in " + where(walked) + mergeHint(map));
        }
        current = notAnchored(value.get(), path);
        walked.append(walked.length() == 0 ? "" : ".").append(segment.key());
      }
      for (YamlPath.Selector selector : segment.selectors()) {
        if (!(current instanceof SequenceNode list)) {
          return miss(
              where(walked)
                  + " is a "
                  + kind(current)
                  + ", not a list to select "
                  + selector
                  + " in");
        }
        List<Node> matches = elements(list, selector, path);
        if (matches.isEmpty()) {
          return miss(
              "no element of the list at "
                  + where(walked)
                  + " has "
                  + selector.key()
                  + "="
                  + selector.value());
        }
        if (matches.size() > 1) {
          throw fail(
              path,
              "is ambiguous: "
                  + selector
                  + " matches "
                  + matches.size()
                  + " elements of the list at "
                  + where(walked)
                  + "; add a selector that tells them apart");
        }
        current = notAnchored(matches.get(0), path);
        walked.append(selector);
      }
    }
    return new Walk(current, null);
  }

  private Optional<Node> value(MappingNode map, String key, YamlPath path) {
    List<Node> values = new ArrayList<>();
    for (NodeTuple tuple : map.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        values.add(tuple.getValueNode());
      }
    }
    if (values.size() > 1) {
      throw fail(
          path,
          "is ambiguous: the key '" + key + "' appears " + values.size() + " times in one map");
    }
    return values.stream().findFirst();
  }

  private List<Node> elements(SequenceNode list, YamlPath.Selector selector, YamlPath path) {
    List<Node> matches = new ArrayList<>();
    for (Node element : list.getValue()) {
      if (element instanceof MappingNode map
          && value(map, selector.key(), path)
              .filter(v -> v instanceof ScalarNode s && s.getValue().equals(selector.value()))
              .isPresent()) {
        matches.add(element);
      }
    }
    return matches;
  }

  private Node notAnchored(Node node, YamlPath path) {
    node.getAnchor()
        .ifPresent(
            anchor -> {
              throw fail(
                  path,
                  "goes through the anchor &"
                      + anchor.getValue()
                      + "; editing it would also change every "
                      + "alias *"
                      + anchor.getValue()
                      + ", so Harbormaster refuses: write the value in place instead of "
                      + "through an anchor");
            });
    return node;
  }

  private static String mergeHint(MappingNode map) {
    boolean merges =
        map.getValue().stream()
            .anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("<<"));
    return merges
        ? " (it may come from a '<<' merge of an anchor, which Harbormaster does not edit)"
        : "";
  }

  private static String where(CharSequence walked) {
    return walked.length() == 0 ? "the document root" : "'" + walked + "'";
  }

  private static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "map";
    }
    return node instanceof SequenceNode ? "list" : "scalar";
  }

  private static Walk miss(String reason) {
    return new Walk(null, reason);
  }

  private GitOpsException fail(YamlPath path, String problem) {
    return new GitOpsException(file + ": path '" + path + "' " + problem);
  }
}
