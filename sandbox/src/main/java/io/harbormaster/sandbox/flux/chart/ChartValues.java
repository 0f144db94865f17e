package io.harbormaster.sandbox.flux.chart;

import java.util.Map;

/** Reads dotted paths ({@code image.tag}) of a release's values, with the chart's defaults. */
final class ChartValues {
  private final Map<String, Object> values;

  ChartValues(Map<String, Object> values) {
    this.values = values;
  }

  String text(String path, String fallback) {
    Object value = get(path);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Map || value instanceof Iterable) {
      throw new IllegalArgumentException(
          "values." + path + " must be a single value, was " + value);
    }
    return value.toString();
  }

  int integer(String path, int fallback) {
    Object value = get(path);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number
        && ((Number) value).doubleValue() == ((Number) value).intValue()
        && ((Number) value).intValue() >= 0) {
      return ((Number) value).intValue();
    }
    throw new IllegalArgumentException(
        "values." + path + " must be a whole number of at least 0, was '" + value + "'");
  }

  @SuppressWarnings("unchecked")
  private Object get(String path) {
    Object node = values;
    for (String key : path.split("\\.")) {
      if (!(node instanceof Map)) {
        return null;
      }
      node = ((Map<String, Object>) node).get(key);
    }
    return node;
  }
}
