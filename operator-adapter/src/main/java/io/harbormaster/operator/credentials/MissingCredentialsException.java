package io.harbormaster.operator.credentials;

/**
 * The Secret a ManagedApp names for git is missing or lacks a key. A configuration error: retrying
 * does not help, so requests fail at once with this message (which names the Secret and key only).
 */
public final class MissingCredentialsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  MissingCredentialsException(String message) {
    super(message);
  }
}
