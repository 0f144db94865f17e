package io.harbormaster.core.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version in Semantic Versioning 2.0 form, ordered by semver precedence. A leading {@code v}
 * (common in image tags) is accepted; build metadata is kept but ignored by the order, as the spec
 * says.
 */
public final class SemanticVersion implements Comparable<SemanticVersion> {
  private static final Pattern SEMVER =
      Pattern.compile(
          "v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

  private final String text;
  private final long major;
  private final long minor;
  private final long patch;
  private final List<String> preRelease;

  private SemanticVersion(
      String text, long major, long minor, long patch, List<String> preRelease) {
    this.text = text;
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.preRelease = preRelease;
  }

  /** The version, or empty when the text is not semver (such versions are never auto-selected). */
  public static Optional<SemanticVersion> parse(String text) {
    Matcher m = SEMVER.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
      return Optional.of(
          new SemanticVersion(
              text.trim(),
              Long.parseLong(m.group(1)),
              Long.parseLong(m.group(2)),
              Long.parseLong(m.group(3)),
              pre));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  public long major() {
    return major;
  }

  public long minor() {
    return minor;
  }

  public boolean isPreRelease() {
    return !preRelease.isEmpty();
  }

  @Override
  public int compareTo(SemanticVersion other) {
    int core =
        major != other.major
            ? Long.compare(major, other.major)
            : minor != other.minor
                ? Long.compare(minor, other.minor)
                : Long.compare(patch, other.patch);
    if (core != 0) {
      return core;
    }
    // A pre-release sorts before its release; identifiers compare numerically when both are
    // numbers.
    if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
      return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
    }
    for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
      int c = compareIdentifier(preRelease.get(i), other.preRelease.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(preRelease.size(), other.preRelease.size());
  }

  private static int compareIdentifier(String a, String b) {
    boolean aNumeric = a.chars().allMatch(Character::isDigit);
    boolean bNumeric = b.chars().allMatch(Character::isDigit);
    if (aNumeric && bNumeric) {
      return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
    if (aNumeric != bNumeric) {
      return aNumeric ? -1 : 1;
    }
    return a.compareTo(b);
  }

  /** Equal in precedence (build metadata and a leading {@code v} do not count). */
  @Override
  public boolean equals(Object o) {
    return o instanceof SemanticVersion && compareTo((SemanticVersion) o) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(major, minor, patch, new ArrayList<>(preRelease));
  }

  /** The text as given, so a chosen version is written back exactly as the source spelled it. */
  @Override
  public String toString() {
    return text;
  }
}
