package io.harbormaster.cli;

/** What the sample walk shows. */
enum Scenario {
  /** The upgrade goes through every phase and completes. */
  HAPPY,
  /** The new version never turns ready: the upgrade fails its health check and rolls back. */
  BROKEN
}
