package io.harbormaster.core.operation;

/** Small wording helpers for the messages people read. */
final class Texts {
  private Texts() {}

  /** {@code 1 volume}, {@code 2 volumes}. */
  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** The items' own words, separated by {@code ; }. */
  static String join(java.util.List<?> items) {
    return items.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("; "));
  }
}
