package io.harbormaster.core.model;

/**
 * A failure retrying cannot fix: a wrong setting, a missing object the user must create, a refused
 * change. Ports and core throw it (or a subclass) to fail an operation at once with its message,
 * which says what is wrong and what to do and never holds a secret. Any other exception counts as
 * transient and is retried until the phase's deadline: an {@link IllegalArgumentException} from a
 * bug among them, logged with its stack trace as one.
 */
public class RetryCannotHelp extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RetryCannotHelp(String message) {
    super(message);
  }

  public RetryCannotHelp(String message, Throwable cause) {
    super(message, cause);
  }
}
