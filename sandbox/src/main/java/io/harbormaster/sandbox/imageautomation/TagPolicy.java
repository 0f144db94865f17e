package io.harbormaster.sandbox.imageautomation;

import io.harbormaster.core.version.SemanticVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How an ImagePolicy chooses the latest tag from the tags its ImageRepository scanned: {@code
 * spec.filterTags} keeps the tags its pattern finds a match in (and with {@code extract} compares
 * the expanded template instead, reporting the original tag), then {@code spec.policy} picks one:
 * the highest {@code semver} version in the range, or the last tag in {@code numerical} or {@code
 * alphabetical} order ({@code asc} by default). Failures carry image-reflector-controller's words.
 */
final class TagPolicy {
  /** The spec cannot work whatever the tags: the policy stalls. */
  static final class InvalidPolicy extends RuntimeException {
    InvalidPolicy(String message) {
      super(message);
    }
  }

  /** No tag could be chosen from these tags: retried with backoff. */
  static final class NoLatest extends RuntimeException {
    NoLatest(String message) {
      super(message);
    }
  }

  private interface Chooser {
    String latest(List<String> tags);
  }

  private final Chooser chooser;
  private final Optional<Pattern> filter;
  private final String extract;

  private TagPolicy(Chooser chooser, Optional<Pattern> filter, String extract) {
    this.chooser = chooser;
    this.filter = filter;
    this.extract = extract;
  }

  /**
   * @param policy {@code spec.policy}
   * @param filterTags {@code spec.filterTags}, empty when absent
   * @throws InvalidPolicy for a policy or filter that can never work
   */
  static TagPolicy of(Map<String, Object> policy, Map<String, Object> filterTags) {
    Chooser chooser = chooser(policy);
    Optional<Pattern> filter = Optional.empty();
    String extract = "";
    if (!filterTags.isEmpty()) {
      String pattern = String.valueOf(filterTags.getOrDefault("pattern", ""));
      extract = String.valueOf(filterTags.getOrDefault("extract", ""));
      try {
        filter = Optional.of(Pattern.compile(goRegex(pattern)));
      } catch (PatternSyntaxException e) {
        throw new InvalidPolicy(
            "failed to filter tags: invalid regular expression pattern '"
                + pattern
                + "': "
                + e.getDescription());
      }
    }
    return new TagPolicy(chooser, filter, extract);
  }

  /**
   * The tag this policy chooses from {@code tags} (the stored order: descending).
   *
   * @throws NoLatest when none can be chosen
   */
  String latest(List<String> tags) {
    if (filter.isEmpty()) {
      return chooser.latest(tags);
    }
    Map<String, String> originals = new LinkedHashMap<>();
    for (String tag : tags) {
      Matcher m = filter.get().matcher(tag);
      if (m.find()) {
        originals.put(extract.isEmpty() ? tag : expand(extract, m), tag);
      }
    }
    String latest = chooser.latest(new ArrayList<>(originals.keySet()));
    return originals.get(latest);
  }

  private static Chooser chooser(Map<String, Object> policy) {
    if (policy.get("semver") instanceof Map<?, ?> semver) {
      SemverRange range;
      try {
        range = SemverRange.parse(String.valueOf(semver.get("range")));
      } catch (IllegalArgumentException e) {
        throw new InvalidPolicy("invalid policy: " + e.getMessage());
      }
      return tags -> semver(range, tags);
    }
    if (policy.get("alphabetical") instanceof Map<?, ?> alphabetical) {
      boolean ascending = ascending(alphabetical.get("order"));
      return tags -> {
        nonEmpty(tags);
        return ascending
            ? tags.stream().max(String::compareTo).orElseThrow()
            : tags.stream().min(String::compareTo).orElseThrow();
      };
    }
    if (policy.get("numerical") instanceof Map<?, ?> numerical) {
      boolean ascending = ascending(numerical.get("order"));
      return tags -> numerical(ascending, tags);
    }
    throw new InvalidPolicy("invalid policy: given ImagePolicyChoice object is invalid");
  }

  private static boolean ascending(Object order) {
    String text = order == null ? "" : String.valueOf(order).toUpperCase(Locale.ROOT);
    return switch (text) {
      case "", "ASC" -> true;
      case "DESC" -> false;
      default ->
          throw new InvalidPolicy(
              "invalid policy: invalid order argument provided: '"
                  + text
                  + "', must be one of: ASC, DESC");
    };
  }

  private static String semver(SemverRange range, List<String> tags) {
    nonEmpty(tags);
    SemanticVersion latest = null;
    for (String tag : tags) {
      Optional<SemanticVersion> version =
          SemanticVersion.parse(tag).filter(v -> tag.equals(v.toString()));
      if (version.isPresent()
          && range.contains(version.get())
          && (latest == null || version.get().compareTo(latest) > 0)) {
        latest = version.get();
      }
    }
    if (latest == null) {
      throw new NoLatest("unable to determine latest version from provided list");
    }
    return latest.toString();
  }

  private static String numerical(boolean ascending, List<String> tags) {
    nonEmpty(tags);
    String latest = null;
    double previous = 0;
    for (String tag : tags) {
      double value = number(tag);
      if (latest == null || (ascending ? value >= previous : value <= previous)) {
        latest = tag;
        previous = value;
      }
    }
    return latest;
  }

  /** As Go's {@code strconv.ParseFloat}, near enough: Java's suffixes and hex are refused. */
  private static double number(String tag) {
    if (!tag.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      throw new NoLatest("failed to parse invalid numeric value '" + tag + "'");
    }
    return Double.parseDouble(tag);
  }

  private static void nonEmpty(List<String> tags) {
    if (tags.isEmpty()) {
      throw new NoLatest("version list argument cannot be empty");
    }
  }

  /** RE2's named groups {@code (?P<name>...)} in Java's spelling. */
  static String goRegex(String pattern) {
    return pattern.replace("(?P<", "(?<");
  }

  /** Go's {@code Regexp.Expand}: {@code $name}, {@code ${name}}, {@code $1}, {@code $$}. */
  private static String expand(String template, Matcher match) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c != '$' || i + 1 == template.length()) {
        out.append(c);
        continue;
      }
      char next = template.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i++;
        continue;
      }
      String name;
      if (next == '{') {
        int close = template.indexOf('}', i + 2);
        if (close < 0) {
          out.append(c);
          continue;
        }
        name = template.substring(i + 2, close);
        i = close;
      } else {
        int end = i + 1;
        while (end < template.length()
            && (Character.isLetterOrDigit(template.charAt(end)) || template.charAt(end) == '_')) {
          end++;
        }
        if (end == i + 1) {
          out.append(c);
          continue;
        }
        name = template.substring(i + 1, end);
        i = end - 1;
      }
      out.append(group(match, name));
    }
    return out.toString();
  }

  private static String group(Matcher match, String name) {
    try {
      String value =
          name.chars().allMatch(Character::isDigit)
              ? match.group(Integer.parseInt(name))
              : match.group(name);
      return value == null ? "" : value;
    } catch (IllegalArgumentException | IndexOutOfBoundsException unknown) {
      return "";
    }
  }
}
