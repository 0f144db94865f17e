package io.harbormaster.core.discovery;

import io.harbormaster.core.model.RetryCannotHelp;

/**
 * Discovery found something it cannot make safe, or input it cannot read: a PVC mounted by a pod no
 * workload owns, a release secret that is not a Helm release, a malformed inventory id. The message
 * says which object or value and what to do.
 */
public final class DiscoveryException extends RetryCannotHelp {
  private static final long serialVersionUID = 1L;

  public DiscoveryException(String message) {
    super(message);
  }

  public DiscoveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
