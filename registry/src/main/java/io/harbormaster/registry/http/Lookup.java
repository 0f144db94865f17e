package io.harbormaster.registry.http;

import io.harbormaster.core.port.TargetFinding;
import io.harbormaster.core.port.TargetFinding.Verdict;

/** What looking one chart version or image tag up found, before it is named as a finding. */
public record Lookup(Verdict verdict, String detail) {
  public static Lookup found() {
    return new Lookup(Verdict.AVAILABLE, "");
  }

  /** The repository or registry answered, and the version is not there. */
  public static Lookup absent(String detail) {
    return new Lookup(Verdict.MISSING, detail);
  }

  /** No answer could be had. */
  public static Lookup unknown(String reason) {
    return new Lookup(Verdict.UNCHECKED, reason);
  }

  /** This lookup as the finding for {@code subject}. */
  public TargetFinding finding(String subject) {
    return switch (verdict) {
      case AVAILABLE -> TargetFinding.available(subject);
      case MISSING -> TargetFinding.missing(subject, detail);
      case UNCHECKED -> TargetFinding.unchecked(subject, detail);
    };
  }
}
