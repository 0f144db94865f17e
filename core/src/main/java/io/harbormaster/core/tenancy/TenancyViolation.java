package io.harbormaster.core.tenancy;

import io.harbormaster.core.model.RetryCannotHelp;

/**
 * An operation would touch an object outside the namespaces its app may touch. Final: retrying
 * cannot change where the object is; the message names the object, the app's namespace and how the
 * operator could allow it.
 */
public final class TenancyViolation extends RetryCannotHelp {
  private static final long serialVersionUID = 1L;

  TenancyViolation(String message) {
    super(message);
  }
}
