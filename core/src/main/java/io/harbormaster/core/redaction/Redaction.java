package io.harbormaster.core.redaction;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one redaction of text that a person or a log will see: request and ManagedApp status
 * (messages, conditions, history), Events, the operator's and hm's log lines and hm's output all
 * pass through {@link #redact(String)}, whoever wrote the text. It masks
 *
 * <ul>
 *   <li>a URL's user-info: all of it over HTTP and other schemes, where it is often the token
 *       alone; over SSH only a password, as the user name says which account was refused;
 *   <li>the value of an {@code Authorization} header or a bearer token;
 *   <li>every secret text this process has loaded ({@link #remember}), also as Base64 (a Secret's
 *       data).
 * </ul>
 *
 * Redacting twice changes nothing, so each layer may apply it without knowing what the others did.
 */
public final class Redaction {
  public static final String MASK = "***";

  private static final Pattern URL_USER_INFO =
      Pattern.compile("\\b([A-Za-z][A-Za-z0-9+.-]*)://([^/\\s\"]+)@");
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "(?i)\\b(authorization\\s*[:=]\\s*\"?(?:basic|bearer|token)\\s+)[^\\s\",;]+|\\b(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}");
  private static final Set<String> SSH_SCHEMES = Set.of("ssh", "git+ssh", "ssh+git");
  private static final KnownSecrets KNOWN = new KnownSecrets();

  private Redaction() {}

  /**
   * {@code text} with URL user-info, authorization values and every remembered secret masked; ""
   * for null.
   */
  public static String redact(String text) {
    return redact(text, List.of());
  }

  /**
   * As {@link #redact(String)}, masking {@code secrets} too however short they are: the secrets of
   * the one call at hand, e.g. an operation's git credentials.
   */
  public static String redact(String text, Collection<String> secrets) {
    if (text == null) {
      return "";
    }
    String redacted =
        URL_USER_INFO
            .matcher(text)
            .replaceAll(
                url ->
                    Matcher.quoteReplacement(
                        url.group(1) + "://" + shownUserInfo(url.group(1), url.group(2)) + "@"));
    redacted =
        AUTHORIZATION
            .matcher(redacted)
            .replaceAll(
                header ->
                    Matcher.quoteReplacement(
                        (header.group(1) != null ? header.group(1) : header.group(2)) + MASK));
    List<String> masked =
        secrets.isEmpty()
            ? KNOWN.fragments()
            : Stream.concat(
                    secrets.stream().filter(s -> s != null && !s.isEmpty()),
                    KNOWN.fragments().stream())
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    for (String secret : masked) {
      redacted = redacted.replace(secret, MASK);
    }
    return redacted;
  }

  /**
   * Remembers secret texts this process loaded (a token, a private key, a passphrase), so that any
   * text redacted from now on masks them. Texts shorter than {@value KnownSecrets#MIN_LENGTH}
   * characters are not remembered: masking them everywhere would garble ordinary words; the call
   * that uses such a secret masks it with {@link #redact(String, Collection)}.
   */
  public static void remember(Collection<String> secrets) {
    KNOWN.add(secrets);
  }

  /**
   * An SSH user name is no secret and says which account was refused; a password after it is. Over
   * HTTP the user part alone is often the token ({@code https://<token>@host}, {@code
   * <token>:x-oauth-basic}).
   */
  private static String shownUserInfo(String scheme, String userInfo) {
    if (userInfo.equals(MASK) || !SSH_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
      return MASK;
    }
    int colon = userInfo.indexOf(':');
    return colon < 0 ? userInfo : userInfo.substring(0, colon) + ":" + MASK;
  }
}
