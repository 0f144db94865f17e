package io.harbormaster.core.health;

/** A Kubernetes condition's status; a missing condition reads as {@link #UNKNOWN}. */
public enum ConditionStatus {
  TRUE,
  FALSE,
  UNKNOWN;

  public static ConditionStatus parse(String status) {
    if ("True".equalsIgnoreCase(status)) {
      return TRUE;
    }
    return "False".equalsIgnoreCase(status) ? FALSE : UNKNOWN;
  }
}
