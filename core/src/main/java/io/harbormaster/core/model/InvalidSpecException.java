package io.harbormaster.core.model;

/**
 * A user-supplied value is wrong. The message names the field, the value and what to do, so it can
 * be shown as-is in a status condition or on the command line.
 */
public final class InvalidSpecException extends RetryCannotHelp {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String problem;

  public InvalidSpecException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  /** The dotted path of the offending field, e.g. {@code spec.git.versionPath}. */
  public String field() {
    return field;
  }

  /** What is wrong with the field's value, without the field's name. */
  public String problem() {
    return problem;
  }

  public static void require(boolean condition, String field, String problem) {
    if (!condition) {
      throw new InvalidSpecException(field, problem);
    }
  }
}
