package io.harbormaster.core.model;

/** Workloads Harbormaster stops and starts. */
public enum WorkloadKind {
  DEPLOYMENT("apps", "Deployment"),
  STATEFULSET("apps", "StatefulSet");

  private final String group;
  private final String kind;

  WorkloadKind(String group, String kind) {
    this.group = group;
    this.kind = kind;
  }

  public String group() {
    return group;
  }

  public String kind() {
    return kind;
  }

  /**
   * What to do when a workload discovery found no longer exists: the adapters that read and that
   * scale it say the same.
   */
  public String missingHint() {
    return "it was deleted or renamed since discovery; discover the app again";
  }

  /** The workload kind of a Kubernetes {@code group}/{@code kind}, if it is one. */
  public static java.util.Optional<WorkloadKind> of(String group, String kind) {
    for (WorkloadKind k : values()) {
      if (k.group.equals(group) && k.kind.equals(kind)) {
        return java.util.Optional.of(k);
      }
    }
    return java.util.Optional.empty();
  }
}
