package io.harbormaster.embedded.local;

import io.harbormaster.core.model.RetryCannotHelp;

/**
 * A request that cannot be run as it stands: its app or upgrade is missing, or the upgrade it would
 * roll back never started. The message names the object.
 */
public final class RequestCannotRun extends RetryCannotHelp {
  private static final long serialVersionUID = 1L;

  RequestCannotRun(String message) {
    super(message);
  }
}
