package io.harbormaster.registry.helm;

/** The text served as {@code index.yaml} is no Helm repository index; the message says why. */
final class NotAnIndex extends Exception {
  private static final long serialVersionUID = 1L;

  NotAnIndex(String reason) {
    super(reason);
  }
}
