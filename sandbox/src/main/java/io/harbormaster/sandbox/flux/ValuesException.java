package io.harbormaster.sandbox.flux;

/** A HelmRelease's values cannot be composed; the message is helm-controller's. */
final class ValuesException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ValuesException(String message) {
    super(message);
  }
}
