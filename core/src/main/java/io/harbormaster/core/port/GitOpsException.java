package io.harbormaster.core.port;

import io.harbormaster.core.model.RetryCannotHelp;

/**
 * A git operation that cannot succeed by retrying: a path that does not exist, a conflicting
 * change, rejected credentials. The message names the repository, file or path and never holds a
 * secret.
 */
public class GitOpsException extends RetryCannotHelp {
  private static final long serialVersionUID = 1L;

  public GitOpsException(String message) {
    super(message);
  }

  public GitOpsException(String message, Throwable cause) {
    super(message, cause);
  }
}
