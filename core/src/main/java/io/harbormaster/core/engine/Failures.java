package io.harbormaster.core.engine;

import io.harbormaster.core.discovery.DiscoveryException;
import io.harbormaster.core.port.GitOpsException;
import io.harbormaster.core.tenancy.TenancyViolation;

/** Tells failures that retrying cannot fix from those it may (see the port package's contract). */
final class Failures {
  private Failures() {}

  static boolean permanent(RuntimeException failure) {
    return failure instanceof IllegalArgumentException
        || failure instanceof GitOpsException
        || failure instanceof DiscoveryException
        || failure instanceof TenancyViolation;
  }

  /** One line for a status message: the message, or the type when there is none. */
  static String describe(RuntimeException failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }
}
