package io.harbormaster.core.engine;

import io.harbormaster.core.model.RetryCannotHelp;

/** Tells failures that retrying cannot fix from those it may (see the port package's contract). */
final class Failures {
  private Failures() {}

  static boolean permanent(RuntimeException failure) {
    return failure instanceof RetryCannotHelp;
  }

  /**
   * A failure of the kind a bug throws (a bad argument, a broken invariant), not of the outside
   * world: retried like any other, since it may pass, but logged with its stack trace so it gets
   * fixed.
   */
  static boolean looksLikeABug(RuntimeException failure) {
    return failure instanceof IllegalArgumentException
        || failure instanceof IllegalStateException
        || failure instanceof NullPointerException
        || failure instanceof ClassCastException
        || failure instanceof IndexOutOfBoundsException
        || failure instanceof UnsupportedOperationException;
  }

  /** One line for a status message: the message, or the type when there is none. */
  static String describe(RuntimeException failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }
}
