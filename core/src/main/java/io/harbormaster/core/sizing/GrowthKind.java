package io.harbormaster.core.sizing;

/**
 * Why a PVC grows: its buffer ran low (inside the window), it is about to fill (at once), or it is
 * a StatefulSet replica's PVC smaller than the size its peers grew to (at once: a new replica
 * starts at their size).
 */
public enum GrowthKind {
  PLANNED("Planned"),
  EMERGENCY("Emergency"),
  PEERS("Peers");

  private final String shown;

  GrowthKind(String shown) {
    this.shown = shown;
  }

  /**
   * Whether it happens at once, outside the maintenance window, and may use the part of the budget
   * kept for emergencies.
   */
  public boolean urgent() {
    return this != PLANNED;
  }

  /** As a status writes it: Planned, Emergency, Peers. */
  public String shown() {
    return shown;
  }

  /** The kind a status wrote; an unknown word reads as planned, the kind that waits most. */
  public static GrowthKind ofShown(String shown) {
    for (GrowthKind kind : values()) {
      if (kind.shown.equals(shown)) {
        return kind;
      }
    }
    return PLANNED;
  }
}
