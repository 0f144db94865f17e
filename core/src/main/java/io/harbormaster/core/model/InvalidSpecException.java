package io.harbormaster.core.model;

/**
 * A user-supplied value is wrong. The message names the field, the value and what to do, so it can
 * be shown as-is in a status condition or on the command line.
 */
public final class InvalidSpecException extends RetryCannotHelp {
  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidSpecException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  /** The dotted path of the offending field, e.g. {@code spec.git.versionPath}. */
  public String field() {
    return field;
  }

  static void require(boolean condition, String field, String problem) {
    if (!condition) {
      throw new InvalidSpecException(field, problem);
    }
  }
}
