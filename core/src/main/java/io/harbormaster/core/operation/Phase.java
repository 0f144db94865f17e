package io.harbormaster.core.operation;

/**
 * The phases of both machines; which of them a machine runs, in what order, and how is its {@link
 * PhaseTable} (see {@link UpgradeMachine} and {@link RollbackMachine}). Both end Completed or
 * Failed.
 */
public enum Phase {
  PENDING("Pending"),
  DRY_RUN("DryRun"),
  SUSPEND("Suspend"),
  SCALE_DOWN("ScaleDown"),
  SNAPSHOT("Snapshot"),
  VOLUME_RESTORE("VolumeRestore"),
  GIT_COMMIT("GitCommit"),
  GIT_REVERT("GitRevert"),
  RECONCILE("Reconcile"),
  HEALTH_CHECK("HealthCheck"),
  COMPLETED("Completed"),
  FAILED("Failed");

  private final String display;

  Phase(String display) {
    this.display = display;
  }

  public boolean terminal() {
    return this == COMPLETED || this == FAILED;
  }

  /** The CamelCase name used in status, events and the CLI. */
  public String display() {
    return display;
  }

  public static Phase fromDisplay(String display) {
    for (Phase phase : values()) {
      if (phase.display.equals(display)) {
        return phase;
      }
    }
    throw new IllegalArgumentException("unknown phase '" + display + "'");
  }

  @Override
  public String toString() {
    return display;
  }
}
