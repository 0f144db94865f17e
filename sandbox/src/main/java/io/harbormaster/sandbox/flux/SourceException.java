package io.harbormaster.sandbox.flux;

/** The source of a Kustomization cannot be had; its message is safe to show (no credentials). */
final class SourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SourceException(String message) {
    super(message);
  }
}
