package io.harbormaster.gitops.auth;

import io.harbormaster.core.redaction.Redaction;
import java.util.List;

/**
 * The one {@link Redaction}, bound to one operation's secret texts so a message about that
 * operation masks them however short they are.
 */
public final class Redactor {
  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = List.copyOf(secrets);
  }

  public static Redactor of(List<String> secrets) {
    return new Redactor(secrets);
  }

  public String redact(String text) {
    return Redaction.redact(text, secrets);
  }
}
