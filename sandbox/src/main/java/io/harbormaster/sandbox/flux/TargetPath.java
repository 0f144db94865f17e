package io.harbormaster.sandbox.flux;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code valuesFrom} reference's {@code targetPath}: the referenced text set at a dotted path, as
 * helm-controller passes {@code <path>=<text>} to Helm's {@code --set} parser. Unquoted text is
 * typed as {@code --set} types it ({@code true}/{@code false}, {@code null}, whole numbers without
 * a leading zero); text in single or double quotes stays a string, without its quotes. The parser's
 * list indexes ({@code a[0]}), escapes and comma-separated pairs are not simulated: a path or text
 * that uses them is refused.
 */
final class TargetPath {
  private TargetPath() {}

  /**
   * Sets {@code text} at {@code path} in {@code values}, making the maps on the way.
   *
   * @throws IllegalArgumentException naming what the simulation cannot parse
   */
  @SuppressWarnings("unchecked")
  static void set(Map<String, Object> values, String path, String text) {
    if (path.matches(".*[\\[\\]\\\\,=].*") || path.startsWith(".") || path.endsWith(".")) {
      throw new IllegalArgumentException(
          "targetPath '" + path + "' is not a plain dotted path the sandbox can set");
    }
    String[] keys = path.split("\\.");
    Map<String, Object> node = values;
    for (int i = 0; i < keys.length - 1; i++) {
      if (!(node.get(keys[i]) instanceof Map<?, ?>)) {
        node.put(keys[i], new LinkedHashMap<String, Object>());
      }
      node = (Map<String, Object>) node.get(keys[i]);
    }
    node.put(keys[keys.length - 1], typed(text));
  }

  private static Object typed(String text) {
    for (String quote : new String[] {"'", "\""}) {
      if (text.length() >= 2 && text.startsWith(quote) && text.endsWith(quote)) {
        return text.substring(1, text.length() - 1);
      }
    }
    if (text.contains(",")) {
      throw new IllegalArgumentException(
          "the value '" + text + "' holds a comma, which --set reads as another pair");
    }
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.valueOf(text);
    }
    if (text.equalsIgnoreCase("null")) {
      return null;
    }
    if (text.equals("0")) {
      return 0L;
    }
    if (!text.isEmpty() && text.charAt(0) != '0') {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException notWhole) {
        return text;
      }
    }
    return text;
  }
}
