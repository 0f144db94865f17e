package io.harbormaster.registry.http;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/** Which hosts are this machine's own, and whether two URLs lead to the same host. */
public final class Hosts {
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1", "[::1]", "localhost");

  private Hosts() {}

  /** {@code 127.0.0.1}, {@code ::1} (bracketed or not) or {@code localhost}, in any case. */
  public static boolean isLoopback(String host) {
    return host != null && LOOPBACK.contains(host.toLowerCase(Locale.ROOT));
  }

  /** Whether {@code uri} leads to {@code host}, whatever the scheme and port. */
  public static boolean isOn(URI uri, String host) {
    return uri.getHost() != null && bare(uri.getHost()).equalsIgnoreCase(bare(host));
  }

  /** {@code host} without the brackets of an IPv6 literal. */
  static String bare(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
