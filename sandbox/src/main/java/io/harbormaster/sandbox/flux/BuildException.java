package io.harbormaster.sandbox.flux;

/**
 * The YAML under a Kustomization's path does not build; the message names the file and the problem.
 */
final class BuildException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BuildException(String message) {
    super(message);
  }
}
