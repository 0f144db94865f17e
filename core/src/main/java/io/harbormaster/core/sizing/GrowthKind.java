package io.harbormaster.core.sizing;

/** Why a PVC grows: its buffer ran low (inside the window), or it is about to fill (at once). */
public enum GrowthKind {
  PLANNED,
  EMERGENCY
}
