package io.harbormaster.registry.http;

/**
 * No usable answer came: the host is unknown, refused the connection, failed TLS, took too long,
 * redirected too often or sent more than we read. The message is one line, without credentials.
 */
public final class Unreachable extends Exception {
  private static final long serialVersionUID = 1L;

  public Unreachable(String reason) {
    super(reason);
  }
}
