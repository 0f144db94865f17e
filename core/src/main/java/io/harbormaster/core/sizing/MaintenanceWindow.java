package io.harbormaster.core.sizing;

import io.harbormaster.core.model.ShownDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** When planned growths may happen: from each time of {@code schedule}, for {@code duration}. */
public record MaintenanceWindow(CronSchedule schedule, Duration duration) {

  /** The window at {@code now}; no window at all is always open. */
  public static WindowState at(Optional<MaintenanceWindow> window, Instant now) {
    return window
        .map(declared -> declared.schedule().window(now, declared.duration()))
        .orElseGet(WindowState::alwaysOpen);
  }

  /** For a status: how the schedule was read and how long the window stays open. */
  public String describe() {
    return schedule.describe() + " for " + ShownDuration.of(duration);
  }
}
