package io.harbormaster.cli.cluster;

/**
 * An expected failure: printed as its one-sentence message on stderr (no stack trace) and turned
 * into its exit code. The message says what to do and holds no secret.
 */
final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CommandFailure(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  static CommandFailure notFound(String message) {
    return new CommandFailure(ExitCodes.NOT_FOUND, message);
  }

  static CommandFailure unreachable(String message) {
    return new CommandFailure(ExitCodes.UNREACHABLE, message);
  }

  static CommandFailure failed(String message) {
    return new CommandFailure(ExitCodes.FAILED, message);
  }

  int exitCode() {
    return exitCode;
  }
}
