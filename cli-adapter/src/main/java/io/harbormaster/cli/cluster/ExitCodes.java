package io.harbormaster.cli.cluster;

/**
 * The exit codes scripts can rely on, listed in every cluster command's help and in docs/cli.md.
 */
final class ExitCodes {
  static final int OK = 0;

  /**
   * The operation ended Failed, or could not be done (an invalid ManagedApp, a discovery refusal).
   */
  static final int FAILED = 1;

  // 2, a bad command line, is picocli's own.
  static final int NOT_FOUND = 3;

  /** The cluster cannot be reached or refuses us, or Harbormaster's CRDs are not installed. */
  static final int UNREACHABLE = 4;

  static final int TIMEOUT = 5;

  private ExitCodes() {}
}
