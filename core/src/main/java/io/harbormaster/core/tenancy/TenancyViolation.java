package io.harbormaster.core.tenancy;

/**
 * An operation would touch an object outside the namespaces its app may touch. Final: retrying cannot
 * change where the object is; the message names the object, the app's namespace and how the operator
 * could allow it.
 */
public final class TenancyViolation extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TenancyViolation(String message) {
    super(message);
  }
}
