package io.harbormaster.core.operation;

/** Small wording helpers for the messages people read. */
final class Texts {
  private Texts() {}

  /** {@code 1 volume}, {@code 2 volumes}. */
  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
