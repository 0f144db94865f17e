package io.harbormaster.gitops.auth;

import java.util.List;
import java.util.regex.Pattern;

/** Scrubs secrets, and any user-info written into a URL, from text bound for a message or a log. */
public final class Redactor {
  private static final Pattern URL_USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

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
    String redacted = URL_USER_INFO.matcher(text).replaceAll("***@");
    for (String secret : secrets) {
      redacted = redacted.replace(secret, "***");
    }
    return redacted;
  }
}
