package io.harbormaster.gitops.yaml;

import io.harbormaster.core.port.GitOpsException;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed path such as {@code images[name=postgres].newTag}: dot-separated map keys, each
 * optionally followed by {@code [key=value]} selectors that pick the one list element whose {@code
 * key} is {@code value}. A segment may be only selectors when the list is the document root.
 */
final class YamlPath {
  record Selector(String key, String value) {
    @Override
    public String toString() {
      return "[" + key + "=" + value + "]";
    }
  }

  record Segment(String key, List<Selector> selectors) {}

  private final String text;
  private final List<Segment> segments;

  private YamlPath(String text, List<Segment> segments) {
    this.text = text;
    this.segments = segments;
  }

  static YamlPath parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid(String.valueOf(text), "it is empty");
    }
    List<Segment> segments = new ArrayList<>();
    for (String part : splitOutsideBrackets(text)) {
      segments.add(segment(text, part));
    }
    return new YamlPath(text, List.copyOf(segments));
  }

  List<Segment> segments() {
    return segments;
  }

  @Override
  public String toString() {
    return text;
  }

  private static List<String> splitOutsideBrackets(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      } else if (c == '.' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
      if (depth < 0 || depth > 1) {
        throw invalid(text, "its brackets do not pair up");
      }
    }
    if (depth != 0) {
      throw invalid(text, "a '[' is not closed");
    }
    parts.add(text.substring(start));
    return parts;
  }

  private static Segment segment(String text, String part) {
    int bracket = part.indexOf('[');
    String key = bracket < 0 ? part : part.substring(0, bracket);
    List<Selector> selectors = new ArrayList<>();
    int at = bracket;
    while (at >= 0 && at < part.length()) {
      int close = part.indexOf(']', at);
      if (part.charAt(at) != '[' || close < 0) {
        throw invalid(text, "'" + part + "' has text after a selector");
      }
      String body = part.substring(at + 1, close);
      int eq = body.indexOf('=');
      if (eq <= 0 || eq == body.length() - 1) {
        throw invalid(text, "selector '[" + body + "]' is not of the form [key=value]");
      }
      selectors.add(new Selector(body.substring(0, eq), body.substring(eq + 1)));
      at = close + 1;
    }
    if (key.isEmpty() && selectors.isEmpty()) {
      throw invalid(text, "it has an empty segment");
    }
    return new Segment(key, List.copyOf(selectors));
  }

  private static GitOpsException invalid(String text, String problem) {
    return new GitOpsException(
        "path '"
            + text
            + "' is not valid: "
            + problem
            + "; write dotted keys with [key=value] list selectors, e.g. images[name=postgres].newTag");
  }
}
