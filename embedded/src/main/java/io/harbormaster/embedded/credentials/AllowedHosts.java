package io.harbormaster.embedded.credentials;

import io.fabric8.kubernetes.api.model.Secret;
import io.harbormaster.core.model.RepositoryUrl;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The git hosts a credentials Secret may be sent to, as its owner wrote them in annotation {@value
 * #ANNOTATION}: comma-separated {@code host} or {@code host:port} (IPv6 as {@code [::1]:8443}),
 * case-insensitive, no wildcards. A bare host allows the scheme's default port only (443 for https,
 * 22 for ssh).
 *
 * <p>A Secret without the annotation is refused outright. Flux takes a GitRepository's secretRef as
 * namespace-local trust, but here whoever may edit a ManagedApp could otherwise point {@code
 * spec.git.repository} at a host of their own and receive a token they cannot read: only the
 * Secret's owner says where it may go.
 */
final class AllowedHosts {
  static final String ANNOTATION = "harbormaster.io/allowed-hosts";

  private AllowedHosts() {}

  /**
   * @param where names the Secret and the field naming it, for the message
   * @throws MissingCredentialsException naming the Secret, the host and the annotation
   */
  static void require(Secret secret, String where, RepositoryUrl url) {
    Map<String, String> annotations =
        secret.getMetadata().getAnnotations() == null
            ? Map.of()
            : secret.getMetadata().getAnnotations();
    Optional<String> written =
        Optional.ofNullable(annotations.get(ANNOTATION)).filter(value -> !value.isBlank());
    String host = url.hostAndPort().isEmpty() ? "a local path" : url.hostAndPort();
    if (written.isEmpty()) {
      throw MissingCredentialsException.notAllowed(
          where
              + " has no annotation "
              + ANNOTATION
              + ", so its credentials are not "
              + "sent to "
              + host
              + " (spec.git.repository): whoever owns the Secret adds the git hosts they may go to, e.g. "
              + ANNOTATION
              + ": \""
              + host
              + "\"");
    }
    List<String> entries =
        Stream.of(written.get().split(","))
            .map(String::strip)
            .filter(entry -> !entry.isEmpty())
            .toList();
    if (entries.stream().noneMatch(entry -> allows(entry, url))) {
      throw MissingCredentialsException.notAllowed(
          where
              + " may be sent only to the hosts in its annotation "
              + ANNOTATION
              + " ("
              + String.join(", ", entries)
              + "), not to "
              + host
              + " (spec.git.repository): point spec.git.repository at "
              + "an allowed host, or have the Secret's owner add \""
              + host
              + "\" to the annotation");
    }
  }

  private static boolean allows(String entry, RepositoryUrl url) {
    String lower = entry.toLowerCase(Locale.ROOT);
    int portColon =
        lower.startsWith("[")
            ? lower.indexOf(':', Math.max(lower.indexOf(']'), 0))
            : lower.lastIndexOf(':');
    String host = portColon < 0 ? lower : lower.substring(0, portColon);
    String port =
        portColon < 0 ? String.valueOf(url.defaultPort()) : lower.substring(portColon + 1);
    return !url.host().isEmpty()
        && host.equals(url.host())
        && port.equals(String.valueOf(url.port()));
  }
}
