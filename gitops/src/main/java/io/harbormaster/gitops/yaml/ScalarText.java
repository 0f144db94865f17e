package io.harbormaster.gitops.yaml;

import org.snakeyaml.engine.v2.common.ScalarStyle;

/** Writes a value as a scalar in a given quoting style, escaping what that style needs. */
final class ScalarText {
  private ScalarText() {}

  static String render(String value, ScalarStyle style) {
    switch (style) {
      case PLAIN:
        return value;
      case SINGLE_QUOTED:
        return "'" + value.replace("'", "''") + "'";
      case DOUBLE_QUOTED:
      case JSON_SCALAR_STYLE:
        return doubleQuoted(value);
      default:
        throw new IllegalArgumentException("no single-line rendering for " + style);
    }
  }

  static String doubleQuoted(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
