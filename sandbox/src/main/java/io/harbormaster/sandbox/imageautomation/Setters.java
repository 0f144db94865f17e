package io.harbormaster.sandbox.imageautomation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Setters update strategy, line by line: a YAML scalar ({@code key: value} or a sequence item
 * {@code - value}) whose line ends with a setter comment takes a value from the named policy's
 * latest image: {@code # {"$imagepolicy": "<namespace>:<policy>"}} the whole {@code name:tag}, with
 * {@code :tag} the tag only, with {@code :name} the image name only. A marker naming a policy the
 * automation does not consider (another namespace, not selected, without a latest image) is left
 * alone, as is every other byte of the file: quotes around a value are kept.
 *
 * <p>Only files whose name ends in {@code .yaml} or {@code .yml}, or is {@code Kustomization}, and
 * that contain the {@code "$imagepolicy"} token are read, as the controller's reader does.
 */
final class Setters {
  static final String TOKEN = "\"$imagepolicy\"";
  private static final Pattern MARKED =
      Pattern.compile(
          "^(?<head>.*?\\S)(?<gap>\\s+)(?<comment>#\\s*\\{\\s*\"\\$imagepolicy\"\\s*:\\s*"
              + "\"(?<setter>[^\"]+)\"\\s*}\\s*)$");
  private static final Pattern SCALAR =
      Pattern.compile("^(?<prefix>\\s*(?:-\\s+)*(?:[^\\s#'\"][^#]*?:\\s+|-\\s+))(?<value>.+)$");

  private Setters() {}

  /** One value a setter changed. */
  record Change(String file, String oldValue, String newValue, String setter) {}

  /** A policy's latest image as the setters see it. */
  record Latest(String name, String tag) {}

  /**
   * @param latest the setter values by policy, keyed {@code <namespace>:<policy>}
   * @return the file's new text, or empty when no marked value changed
   */
  static Optional<String> apply(
      String file, String text, Map<String, Latest> latest, List<Change> changes) {
    if (!applies(file) || !text.contains(TOKEN)) {
      return Optional.empty();
    }
    String[] lines = text.split("\n", -1);
    boolean changed = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean crlf = line.endsWith("\r");
      String body = crlf ? line.substring(0, line.length() - 1) : line;
      Optional<String> rewritten = rewrite(file, body, latest, changes);
      if (rewritten.isPresent()) {
        lines[i] = rewritten.get() + (crlf ? "\r" : "");
        changed = true;
      }
    }
    return changed ? Optional.of(String.join("\n", lines)) : Optional.empty();
  }

  static boolean applies(String file) {
    String name = file.substring(file.lastIndexOf('/') + 1);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.equals("Kustomization");
  }

  private static Optional<String> rewrite(
      String file, String line, Map<String, Latest> latest, List<Change> changes) {
    Matcher marked = MARKED.matcher(line);
    if (!marked.matches()) {
      return Optional.empty();
    }
    Matcher scalar = SCALAR.matcher(marked.group("head"));
    if (!scalar.matches()) {
      return Optional.empty();
    }
    String setter = marked.group("setter");
    Optional<String> value = valueFor(setter, latest);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String written = scalar.group("value");
    String quote = quoteOf(written);
    String old = quote.isEmpty() ? written : written.substring(1, written.length() - 1);
    if (old.equals(value.get())) {
      return Optional.empty();
    }
    changes.add(new Change(file, old, value.get(), setter));
    return Optional.of(
        scalar.group("prefix")
            + quote
            + value.get()
            + quote
            + marked.group("gap")
            + marked.group("comment"));
  }

  private static String quoteOf(String value) {
    if (value.length() >= 2) {
      char first = value.charAt(0);
      if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
        return String.valueOf(first);
      }
    }
    return "";
  }

  private static Optional<String> valueFor(String setter, Map<String, Latest> latest) {
    String[] parts = setter.split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      return Optional.empty();
    }
    Latest image = latest.get(parts[0] + ":" + parts[1]);
    if (image == null) {
      return Optional.empty();
    }
    if (parts.length == 2) {
      return Optional.of(image.name() + ":" + image.tag());
    }
    return switch (parts[2]) {
      case "tag" -> Optional.of(image.tag());
      case "name" -> Optional.of(image.name());
      default -> Optional.empty(); // ":digest" needs a reflected digest, which the sandbox has not
    };
  }
}
