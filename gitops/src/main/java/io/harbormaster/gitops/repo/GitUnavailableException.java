package io.harbormaster.gitops.repo;

/**
 * The remote or the local clone could not be used just now (no answer, a timeout, a busy file):
 * unlike a {@link io.harbormaster.core.port.GitOpsException}, retrying may help, so the engine does
 * until the phase's deadline. The message is redacted like every message of this module.
 */
public final class GitUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GitUnavailableException(String message) {
    super(message);
  }
}
