package io.harbormaster.registry.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and password for HTTP Basic authentication, as a Flux HelmRepository's {@code
 * spec.secretRef} holds them. Its text never shows the password.
 */
public final class BasicCredentials {
  private final String username;
  private final String password;

  public BasicCredentials(String username, String password) {
    this.username = Objects.requireNonNull(username, "username");
    this.password = Objects.requireNonNull(password, "password");
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  /** The {@code Authorization} header's value. */
  String header() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "BasicCredentials[" + username + ", ***]";
  }
}
