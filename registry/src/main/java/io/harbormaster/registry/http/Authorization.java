package io.harbormaster.registry.http;

import java.net.URI;
import java.util.Objects;

/**
 * An {@code Authorization} header bound to the one host it was made for: {@link RegistryHttp}
 * attaches it only to requests to that host, so a redirect elsewhere goes without it. A header that
 * carries a secret (credentials, or a token they bought) travels only over HTTPS or to this machine
 * itself. Its text never shows the value.
 */
public final class Authorization {
  private final String host;
  private final String value;
  private final boolean secret;

  private Authorization(String host, String value, boolean secret) {
    this.host = Objects.requireNonNull(host, "host");
    this.value = Objects.requireNonNull(value, "value");
    this.secret = secret;
  }

  /** Basic authentication with {@code credentials}, for {@code host} only. */
  public static Authorization basic(BasicCredentials credentials, String host) {
    return new Authorization(host, credentials.header(), true);
  }

  /**
   * A bearer token for {@code host} only; {@code secret} when it was bought with credentials (an
   * anonymous pull token opens nothing that is not public).
   */
  public static Authorization bearer(String token, String host, boolean secret) {
    return new Authorization(host, "Bearer " + token, secret);
  }

  /** Whether a request to {@code uri} may carry it. */
  public boolean mayGoTo(URI uri) {
    return Hosts.isOn(uri, host)
        && (!secret
            || "https".equalsIgnoreCase(uri.getScheme())
            || Hosts.isLoopback(uri.getHost()));
  }

  String value() {
    return value;
  }

  @Override
  public String toString() {
    return "Authorization[" + value.substring(0, value.indexOf(' ')) + " *** for " + host + "]";
  }
}
