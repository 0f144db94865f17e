package io.harbormaster.registry.helm;

import io.harbormaster.core.version.SemanticVersion;
import io.harbormaster.registry.http.Authorization;
import io.harbormaster.registry.http.BasicCredentials;
import io.harbormaster.registry.http.Lookup;
import io.harbormaster.registry.http.RegistryHttp;
import io.harbormaster.registry.http.Reply;
import io.harbormaster.registry.http.Unreachable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a chart version is in a Helm HTTP repository: reads {@code <url>/index.yaml}, as
 * source-controller does for a HelmRepository of {@code type: default}, with Basic credentials when
 * the repository has them (sent to the repository's host only, see {@link Authorization}).
 */
public final class HelmIndexClient {
  /** The largest index read: more is no answer (UNCHECKED), never an unbounded read. */
  public static final int MAX_INDEX_BYTES = 50 * 1024 * 1024;

  /** How many of the versions present a MISSING finding names. */
  static final int VERSIONS_SHOWN = 5;

  private final RegistryHttp http;
  private final int maxIndexBytes;
  private final HelmIndex index;

  public HelmIndexClient(RegistryHttp http) {
    this(http, MAX_INDEX_BYTES);
  }

  /** A client that reads indexes of at most {@code maxIndexBytes}. */
  public HelmIndexClient(RegistryHttp http, int maxIndexBytes) {
    this.http = http;
    this.maxIndexBytes = maxIndexBytes;
    this.index = new HelmIndex(maxIndexBytes);
  }

  /**
   * Looks {@code chart} at {@code version} up in the index of the repository at {@code repository}
   * ({@code http(s)://...}).
   */
  public Lookup check(
      URI repository, String chart, String version, Optional<BasicCredentials> credentials) {
    URI url = indexUrl(RegistryHttp.withoutUserInfo(repository));
    String host = RegistryHttp.shown(url);
    Reply reply;
    try {
      reply =
          http.exchange(
              "GET",
              url,
              Map.of("Accept", "application/x-yaml, text/yaml, */*"),
              credentials.map(basic -> Authorization.basic(basic, url.getHost())),
              maxIndexBytes);
    } catch (Unreachable e) {
      return Lookup.unknown(e.getMessage());
    }
    if (reply.status() == 401 || reply.status() == 403) {
      return Lookup.unknown(
          credentials.isPresent()
              ? host
                  + " refused the credentials of the HelmRepository's spec.secretRef (HTTP "
                  + reply.status()
                  + ")"
              : host
                  + " needs credentials Harbormaster does not have (HTTP "
                  + reply.status()
                  + ")");
    }
    if (!reply.ok()) {
      return Lookup.unknown(host + " answered HTTP " + reply.status() + " for " + url.getRawPath());
    }
    Optional<List<String>> versions;
    try {
      versions = index.versions(reply.body(), chart);
    } catch (NotAnIndex e) {
      return Lookup.unknown(host + ": " + e.getMessage());
    }
    if (versions.isEmpty()) {
      return Lookup.absent("the index at " + host + " has no chart named '" + chart + "'");
    }
    if (versions.get().stream().anyMatch(listed -> sameVersion(listed, version))) {
      return Lookup.found();
    }
    return Lookup.absent(present(versions.get()));
  }

  /**
   * Helm matches a version as a semver constraint, so an index's {@code v1.2.0} is a request's
   * {@code 1.2.0}; anything else must be spelled alike.
   */
  static boolean sameVersion(String listed, String wanted) {
    return withoutV(listed).equals(withoutV(wanted));
  }

  private static String withoutV(String version) {
    return version.startsWith("v") ? version.substring(1) : version;
  }

  /** {@code the index lists 2.0.0, 1.1.0 (and 7 more)}, newest first. */
  static String present(List<String> versions) {
    if (versions.isEmpty()) {
      return "the index lists no version of it";
    }
    List<String> newestFirst = versions.stream().distinct().sorted(NEWEST_FIRST).toList();
    List<String> shown = newestFirst.subList(0, Math.min(VERSIONS_SHOWN, newestFirst.size()));
    int more = newestFirst.size() - shown.size();
    return "the index lists "
        + String.join(", ", shown)
        + (more > 0 ? " (and " + more + " more)" : "");
  }

  /** Semantic versions newest first, then the others in the index's order. */
  private static final Comparator<String> NEWEST_FIRST =
      (a, b) -> {
        Optional<SemanticVersion> left = SemanticVersion.parse(a);
        Optional<SemanticVersion> right = SemanticVersion.parse(b);
        if (left.isPresent() && right.isPresent()) {
          return right.get().compareTo(left.get());
        }
        return Boolean.compare(right.isPresent(), left.isPresent());
      };

  /** {@code <url>/index.yaml}, however many slashes the URL ends with. */
  static URI indexUrl(URI repository) {
    String path = repository.getRawPath() == null ? "" : repository.getRawPath();
    String trimmed = path.replaceAll("/+$", "");
    try {
      return new URI(
          repository.getScheme()
              + "://"
              + repository.getRawAuthority()
              + trimmed
              + "/index.yaml"
              + (repository.getRawQuery() == null ? "" : "?" + repository.getRawQuery()));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a repository URL: " + e.getMessage(), e);
    }
  }
}
