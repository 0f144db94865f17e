package io.harbormaster.sandbox.imageautomation;

import io.harbormaster.core.version.SemanticVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semver range as ImagePolicy's {@code spec.policy.semver.range} takes it (the Masterminds
 * constraint syntax): comparisons {@code = != > >= < <=}, tilde {@code ~1.2} and caret {@code ^1.2}
 * ranges, wildcards {@code 1.2.x} and {@code *}, partial versions ({@code >=1.2}), hyphen ranges
 * ({@code 1.2 - 1.4.5}), several comparisons in a row (space or comma: all must hold) and {@code
 * ||} (any group may hold). A pre-release version satisfies a group only when one of the group's
 * versions is a pre-release, as Masterminds' checks say. Versions are read with core's {@link
 * SemanticVersion}; the matching is this class's.
 */
final class SemverRange {
  private static final Pattern COMPARISON =
      Pattern.compile(
          "(!=|>=|=>|<=|=<|~>|>|<|=|~|\\^)?\\s*v?"
              + "(\\d+|[xX*])(?:\\.(\\d+|[xX*]))?(?:\\.(\\d+|[xX*]))?"
              + "(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");
  private static final Pattern HYPHEN = Pattern.compile("(\\S+)\\s+-\\s+(\\S+)");

  private final List<Group> groups;

  private record Group(List<Predicate<SemanticVersion>> checks, boolean allowsPreReleases) {
    boolean test(SemanticVersion version) {
      return (!version.isPreRelease() || allowsPreReleases)
          && checks.stream().allMatch(check -> check.test(version));
    }
  }

  private SemverRange(List<Group> groups) {
    this.groups = groups;
  }

  /**
   * @throws IllegalArgumentException with Masterminds' words ({@code improper constraint: ...})
   */
  static SemverRange parse(String range) {
    String text = range == null ? "" : range.trim();
    List<Group> groups = new ArrayList<>();
    for (String or : text.split("\\|\\|", -1)) {
      groups.add(group(or.trim(), range));
    }
    return new SemverRange(groups);
  }

  boolean contains(SemanticVersion version) {
    return groups.stream().anyMatch(group -> group.test(version));
  }

  private static Group group(String text, String range) {
    if (text.isEmpty()) {
      throw improper(range);
    }
    List<Predicate<SemanticVersion>> checks = new ArrayList<>();
    boolean preReleases = false;
    Matcher hyphen = HYPHEN.matcher(text);
    StringBuilder rest = new StringBuilder();
    int at = 0;
    while (hyphen.find()) {
      rest.append(text, at, hyphen.start());
      Partial low = partial(hyphen.group(1), range);
      Partial high = partial(hyphen.group(2), range);
      checks.add(v -> v.compareTo(low.lowest()) >= 0);
      checks.add(
          high.complete()
              ? v -> v.compareTo(high.lowest()) <= 0
              : v -> v.compareTo(high.next()) < 0);
      preReleases |= low.preRelease() != null || high.preRelease() != null;
      at = hyphen.end();
    }
    rest.append(text.substring(at));
    // An operator may stand apart from its version (">= 1.2.0"): join them before splitting.
    String joined = rest.toString().replaceAll("(!=|>=|=>|<=|=<|~>|>|<|=|~|\\^)\\s+", "$1");
    for (String token : joined.split("[\\s,]+")) {
      if (token.isEmpty()) {
        continue;
      }
      Matcher m = COMPARISON.matcher(token);
      if (!m.matches()) {
        throw improper(range);
      }
      String op = m.group(1) == null ? "=" : m.group(1);
      Partial version = new Partial(m.group(2), m.group(3), m.group(4), m.group(5));
      preReleases |= version.preRelease() != null;
      checks.add(check(op, version));
    }
    if (checks.isEmpty()) {
      throw improper(range);
    }
    return new Group(checks, preReleases);
  }

  private static Partial partial(String token, String range) {
    Matcher m = COMPARISON.matcher(token);
    if (!m.matches() || m.group(1) != null) {
      throw improper(range);
    }
    return new Partial(m.group(2), m.group(3), m.group(4), m.group(5));
  }

  private static Predicate<SemanticVersion> check(String op, Partial p) {
    if (p.wildcardMajor()) {
      return switch (op) {
        case "!=", "<", ">" -> v -> false;
        default -> v -> true;
      };
    }
    SemanticVersion low = p.lowest();
    return switch (op) {
      case "=" -> p.complete() ? v -> v.compareTo(low) == 0 : inside(low, p.next());
      case "!=" -> p.complete() ? v -> v.compareTo(low) != 0 : inside(low, p.next()).negate();
      case ">" -> p.complete() ? v -> v.compareTo(low) > 0 : v -> v.compareTo(p.next()) >= 0;
      case ">=", "=>" -> v -> v.compareTo(low) >= 0;
      case "<" -> v -> v.compareTo(low) < 0;
      case "<=", "=<" -> p.complete() ? v -> v.compareTo(low) <= 0 : v -> v.compareTo(p.next()) < 0;
      case "~", "~>" ->
          inside(
              low,
              p.minor() == null
                  ? version(p.major() + 1, 0, 0)
                  : version(p.major(), p.minor() + 1, 0));
      case "^" -> inside(low, caretCeiling(p));
      default -> throw new IllegalStateException("operator " + op);
    };
  }

  private static SemanticVersion caretCeiling(Partial p) {
    if (p.major() > 0 || p.minor() == null) {
      return version(p.major() + 1, 0, 0);
    }
    if (p.minor() > 0 || p.patch() == null) {
      return version(0, p.minor() + 1, 0);
    }
    return version(0, 0, p.patch() + 1);
  }

  private static Predicate<SemanticVersion> inside(SemanticVersion low, SemanticVersion ceiling) {
    return v -> v.compareTo(low) >= 0 && v.compareTo(ceiling) < 0;
  }

  private static SemanticVersion version(long major, long minor, long patch) {
    return SemanticVersion.parse(major + "." + minor + "." + patch).orElseThrow();
  }

  private static IllegalArgumentException improper(String range) {
    return new IllegalArgumentException("improper constraint: " + range);
  }

  /** A version as a range writes it: parts may be missing or wildcards. */
  private record Partial(String majorText, String minorText, String patchText, String preRelease) {
    private static boolean wild(String part) {
      return part == null || part.equalsIgnoreCase("x") || part.equals("*");
    }

    boolean wildcardMajor() {
      return wild(majorText);
    }

    long major() {
      return Long.parseLong(majorText);
    }

    Long minor() {
      return wild(minorText) ? null : Long.parseLong(minorText);
    }

    Long patch() {
      return wild(minorText) || wild(patchText) ? null : Long.parseLong(patchText);
    }

    boolean complete() {
      return patch() != null;
    }

    /** The smallest version the partial names ({@code 1.2} is {@code 1.2.0}). */
    SemanticVersion lowest() {
      String core =
          major() + "." + (minor() == null ? 0 : minor()) + "." + (patch() == null ? 0 : patch());
      return SemanticVersion.parse(core + (preRelease == null ? "" : "-" + preRelease))
          .orElseThrow(() -> new IllegalArgumentException("improper constraint: " + core));
    }

    /** The first version past what the partial names ({@code 1.2} gives {@code 1.3.0}). */
    SemanticVersion next() {
      if (minor() == null) {
        return version(major() + 1, 0, 0);
      }
      if (patch() == null) {
        return version(major(), minor() + 1, 0);
      }
      return version(major(), minor(), patch() + 1);
    }
  }
}
