package io.harbormaster.registry.oci;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code WWW-Authenticate} challenge: its scheme ({@code bearer}, {@code basic}, lower-cased) and
 * parameters, e.g. {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io",
 * scope="repository:library/postgres:pull"}.
 */
record Challenge(String scheme, Map<String, String> parameters) {
  /** The first Bearer challenge of {@code headers}, else the first Basic one. */
  static Optional<Challenge> of(List<String> headers) {
    List<Challenge> challenges =
        headers.stream().map(Challenge::parse).flatMap(Optional::stream).toList();
    return challenges.stream()
        .filter(c -> c.scheme.equals("bearer"))
        .findFirst()
        .or(() -> challenges.stream().filter(c -> c.scheme.equals("basic")).findFirst());
  }

  static Optional<Challenge> parse(String header) {
    String text = header.trim();
    int space = text.indexOf(' ');
    String scheme = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
    if (scheme.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    int i = space < 0 ? text.length() : space + 1;
    while (i < text.length()) {
      while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
        i++;
      }
      int equals = text.indexOf('=', i);
      if (equals < 0) {
        break;
      }
      String key = text.substring(i, equals).trim().toLowerCase(Locale.ROOT);
      i = equals + 1;
      StringBuilder value = new StringBuilder();
      if (i < text.length() && text.charAt(i) == '"') {
        for (i++; i < text.length() && text.charAt(i) != '"'; i++) {
          if (text.charAt(i) == '\\' && i + 1 < text.length()) {
            i++;
          }
          value.append(text.charAt(i));
        }
        i++;
      } else {
        for (; i < text.length() && text.charAt(i) != ','; i++) {
          value.append(text.charAt(i));
        }
      }
      parameters.put(key, value.toString().trim());
    }
    return Optional.of(new Challenge(scheme, parameters));
  }

  Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name)).filter(value -> !value.isEmpty());
  }
}
