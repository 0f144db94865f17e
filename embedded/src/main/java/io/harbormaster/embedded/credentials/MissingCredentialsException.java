package io.harbormaster.embedded.credentials;

import io.harbormaster.core.model.RetryCannotHelp;

/**
 * The Secret a ManagedApp names for git is missing, lacks a key, may not be read by whoever reads
 * it for the app, or may not be sent to the repository's host. A configuration error: retrying does
 * not help, so requests fail at once with this message (which names the Secret, key and host only)
 * and {@link #reason()}.
 */
public final class MissingCredentialsException extends RetryCannotHelp {
  private static final long serialVersionUID = 1L;

  private final String reason;

  MissingCredentialsException(String message) {
    this("CredentialsMissing", message);
  }

  private MissingCredentialsException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** The Secret exists but its owner did not allow the repository's host. */
  static MissingCredentialsException notAllowed(String message) {
    return new MissingCredentialsException("CredentialsNotAllowed", message);
  }

  /** The API server refused to show the Secret to whoever reads it for the app. */
  static MissingCredentialsException forbidden(String message) {
    return new MissingCredentialsException("CredentialsForbidden", message);
  }

  /**
   * For a condition's reason: CredentialsMissing, CredentialsNotAllowed or CredentialsForbidden.
   */
  public String reason() {
    return reason;
  }
}
