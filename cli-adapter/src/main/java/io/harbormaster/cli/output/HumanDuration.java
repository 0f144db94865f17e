package io.harbormaster.cli.output;

import java.time.Duration;

/**
 * Durations as kubectl prints ages: {@code 850ms}, {@code 42s}, {@code 3m5s}, {@code 25m}, {@code
 * 5h}, {@code 3d}.
 */
public final class HumanDuration {
  private HumanDuration() {}

  public static String format(Duration duration) {
    if (duration.isNegative()) {
      return "0s";
    }
    long seconds = duration.getSeconds();
    if (seconds < 1) {
      return duration.toMillis() + "ms";
    }
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      return minutes + "m" + (seconds % 60) + "s";
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    return hours < 48 ? hours + "h" : hours / 24 + "d";
  }
}
