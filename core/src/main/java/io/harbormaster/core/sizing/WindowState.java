package io.harbormaster.core.sizing;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether the maintenance window is open at an instant, and when it opens next: computed once per
 * pass ({@link CronSchedule#window}), so the planner's decisions stay cheap.
 *
 * @param nextOpening when it opens next, if it is closed and opens within the search horizon
 */
public record WindowState(boolean open, Optional<Instant> nextOpening) {
  public static WindowState alwaysOpen() {
    return new WindowState(true, Optional.empty());
  }
}
