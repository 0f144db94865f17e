package io.harbormaster.core.port;

import org.immutables.value.Value;

/** What a {@link TargetCatalog} found for one chart version or image tag of a target. */
@Value.Immutable
public abstract class TargetFinding {
  public enum Verdict {
    AVAILABLE,
    /** The repository or registry answered, and the version is not there. */
    MISSING,
    /** No answer could be had: the upgrade goes on, and says what was not checked. */
    UNCHECKED
  }

  /** What was looked up, e.g. {@code chart 'postgres' 2.1.0 from HelmRepository db/charts}. */
  @Value.Parameter
  public abstract String subject();

  @Value.Parameter
  public abstract Verdict verdict();

  /** Why it is missing or unchecked, e.g. {@code the index lists 1.0.0, 1.1.0}; empty otherwise. */
  @Value.Parameter
  public abstract String detail();

  public static TargetFinding available(String subject) {
    return ImmutableTargetFinding.of(subject, Verdict.AVAILABLE, "");
  }

  public static TargetFinding missing(String subject, String detail) {
    return ImmutableTargetFinding.of(subject, Verdict.MISSING, detail);
  }

  public static TargetFinding unchecked(String subject, String why) {
    return ImmutableTargetFinding.of(subject, Verdict.UNCHECKED, why);
  }

  @Override
  public String toString() {
    return detail().isEmpty() ? subject() : subject() + " (" + detail() + ")";
  }
}
