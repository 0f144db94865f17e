package io.harbormaster.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * Where {@code spec.git.repository} leads: the scheme, host and port that decide whether
 * credentials may be sent there, and the repository's path on that host. The user-info is never
 * kept (it may be a token), only whether it holds a secret. Read from {@code
 * scheme://[user-info@]host[:port]/path}, scp-like {@code [user@]host:path} (SSH) or a local path
 * ({@code file}, no host).
 */
@Value.Immutable
public abstract class RepositoryUrl {
  static final String FIELD = "spec.git.repository";

  private static final Pattern WITH_SCHEME =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)(.*)", Pattern.DOTALL);

  /**
   * {@code git@github.com:org/repo.git}; a one-letter host would be a Windows drive, so it is a
   * path.
   */
  private static final Pattern SCP_LIKE =
      Pattern.compile("(?:([^@/:]+)@)?([^@/:\\[\\]]{2,}|\\[[^\\]]+\\]):(?!//)(.*)", Pattern.DOTALL);

  private static final Map<String, Integer> DEFAULT_PORTS =
      Map.of("https", 443, "http", 80, "ssh", 22, "git", 9418);

  /**
   * Lower case; {@code git+ssh} and {@code ssh+git} read as {@code ssh}, a local path as {@code
   * file}.
   */
  public abstract String scheme();

  /** Lower case, an IPv6 address in brackets; empty for a local path. */
  public abstract String host();

  /** The port written, else the scheme's default; 0 when there is none. */
  public abstract int port();

  /**
   * The repository's path on its host as two URLs of one repository both write it: lower case,
   * without the slashes around it or between its parts doubled, a trailing {@code .git}, a query or
   * a fragment. {@code https://Git.example/Fleet.git/} and {@code git@git.example:fleet} both have
   * {@code fleet}; a local path keeps its folders ({@code srv/git/fleet}).
   */
  public abstract String path();

  /**
   * Whether the URL itself carries a secret: any user-info except over SSH, where the user name is
   * needed and only a password after it is a secret. HTTP user-info is often the token alone
   * ({@code https://<token>@host}, {@code <token>:x-oauth-basic}).
   */
  public abstract boolean carriesSecret();

  /**
   * @throws InvalidSpecException naming spec.git.repository when the port is not a number
   */
  public static RepositoryUrl parse(String url) {
    String text = url.strip();
    Matcher withScheme = WITH_SCHEME.matcher(text);
    if (withScheme.matches()) {
      String scheme = scheme(withScheme.group(1));
      String authority = withScheme.group(2);
      int at = authority.lastIndexOf('@');
      String userInfo = at < 0 ? null : authority.substring(0, at);
      return hostAndPort(
          scheme,
          authority.substring(at + 1),
          comparable(withScheme.group(3)),
          userInfo != null && (!scheme.equals("ssh") || userInfo.contains(":")));
    }
    Matcher scpLike = SCP_LIKE.matcher(text);
    if (scpLike.matches()) {
      return ImmutableRepositoryUrl.builder()
          .scheme("ssh")
          .host(scpLike.group(2).toLowerCase(Locale.ROOT))
          .port(22)
          .path(comparable(scpLike.group(3)))
          .carriesSecret(false)
          .build();
    }
    return ImmutableRepositoryUrl.builder()
        .scheme("file")
        .host("")
        .port(0)
        .path(comparable(text))
        .carriesSecret(false)
        .build();
  }

  /**
   * Whether {@code other} names the same repository however it is written: the same host and {@link
   * #path()}, over any scheme (a server answers HTTPS and SSH for one repository), and on the same
   * port when both use one scheme ({@code https://git.example:8443/fleet} is another server than
   * {@code https://git.example/fleet}).
   */
  public boolean sameRepositoryAs(RepositoryUrl other) {
    return host().equals(other.host())
        && path().equals(other.path())
        && (!scheme().equals(other.scheme()) || port() == other.port());
  }

  /** Whether what is sent there is encrypted: HTTPS and SSH. */
  public boolean encrypted() {
    return scheme().equals("https") || scheme().equals("ssh");
  }

  /**
   * {@code host}, or {@code host:port} when the port is not the scheme's default: how people write
   * it.
   */
  public String hostAndPort() {
    return port() == DEFAULT_PORTS.getOrDefault(scheme(), 0) ? host() : host() + ":" + port();
  }

  /** The scheme's default port, 0 for a scheme without one. */
  public int defaultPort() {
    return DEFAULT_PORTS.getOrDefault(scheme(), 0);
  }

  /**
   * Refuses a URL whose user-info holds a secret. The message never quotes the URL: it is the
   * secret that must not be shown.
   */
  public void requireNoSecret() {
    if (!carriesSecret()) {
      return;
    }
    throw new InvalidSpecException(
        FIELD,
        scheme().equals("ssh")
            ? "holds a password before '@': remove it and put an SSH key in the Secret named by spec.git.credentialsSecret"
            : "holds credentials before '@': remove them from the URL and put the token in a Secret named by "
                + "spec.git.credentialsSecret");
  }

  /**
   * Refuses to send {@code credentials} (e.g. "the credentials of spec.git.credentialsSecret")
   * unencrypted.
   */
  public void requireEncryptedFor(String credentials) {
    if (!encrypted()) {
      throw new InvalidSpecException(
          FIELD,
          "is a "
              + scheme()
              + " URL, which would send "
              + credentials
              + " where anyone on the way can read them: use the repository's https:// or ssh:// URL");
    }
  }

  private static String scheme(String written) {
    String scheme = written.toLowerCase(Locale.ROOT);
    return scheme.equals("git+ssh") || scheme.equals("ssh+git") ? "ssh" : scheme;
  }

  private static String comparable(String written) {
    String path = written;
    for (char end : new char[] {'?', '#'}) {
      int at = path.indexOf(end);
      path = at < 0 ? path : path.substring(0, at);
    }
    String joined =
        Arrays.stream(path.split("/"))
            .filter(part -> !part.isEmpty())
            .collect(Collectors.joining("/"))
            .toLowerCase(Locale.ROOT);
    return joined.endsWith(".git") ? joined.substring(0, joined.length() - 4) : joined;
  }

  private static RepositoryUrl hostAndPort(
      String scheme, String hostPort, String path, boolean carriesSecret) {
    int portColon =
        hostPort.startsWith("[")
            ? hostPort.indexOf(':', Math.max(hostPort.indexOf(']'), 0))
            : hostPort.lastIndexOf(':');
    String host = portColon < 0 ? hostPort : hostPort.substring(0, portColon);
    int port = DEFAULT_PORTS.getOrDefault(scheme, 0);
    if (portColon >= 0) {
      String written = hostPort.substring(portColon + 1);
      InvalidSpecException.require(
          written.matches("\\d{1,5}")
              && Integer.parseInt(written) > 0
              && Integer.parseInt(written) < 65536,
          // The text is not quoted: in a mistyped URL it may be the token.
          FIELD,
          "has a port that is not a number from 1 to 65535: write scheme://host:port/path");
      port = Integer.parseInt(written);
    }
    return ImmutableRepositoryUrl.builder()
        .scheme(scheme)
        .host(host.toLowerCase(Locale.ROOT))
        .port(port)
        .path(path)
        .carriesSecret(carriesSecret)
        .build();
  }
}
