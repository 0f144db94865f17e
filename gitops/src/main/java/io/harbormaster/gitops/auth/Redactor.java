package io.harbormaster.gitops.auth;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scrubs secrets, and any secret written into a URL's user-info, from text bound for a message or a log. */
public final class Redactor {
  private static final Pattern URL_USER_INFO = Pattern.compile("\\b([A-Za-z][A-Za-z0-9+.-]*)://([^/@\\s]+)@");
  private static final Set<String> SSH_SCHEMES = Set.of("ssh", "git+ssh", "ssh+git");

  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = secrets.stream().filter(s -> !s.isEmpty()).toList();
  }

  public static Redactor of(List<String> secrets) {
    return new Redactor(secrets);
  }

  public String redact(String text) {
    if (text == null) {
      return "";
    }
    String redacted = URL_USER_INFO.matcher(text).replaceAll(url -> Matcher.quoteReplacement(
        url.group(1) + "://" + shownUserInfo(url.group(1), url.group(2)) + "@"));
    for (String secret : secrets) {
      redacted = redacted.replace(secret, "***");
    }
    return redacted;
  }

  /**
   * An SSH user name is no secret and says which account was refused; a password after it is. Over
   * HTTP the user part alone is often the token ({@code https://<token>@host}, {@code <token>:x-oauth-basic}).
   */
  private static String shownUserInfo(String scheme, String userInfo) {
    if (!SSH_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
      return "***";
    }
    int colon = userInfo.indexOf(':');
    return colon < 0 ? userInfo : userInfo.substring(0, colon) + ":***";
  }
}
