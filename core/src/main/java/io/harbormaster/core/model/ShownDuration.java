package io.harbormaster.core.model;

import java.time.Duration;

/**
 * A duration as Flux and Kubernetes users write it in a spec: {@code 6h}, {@code 5m}, {@code 90s}.
 */
public final class ShownDuration {
  private ShownDuration() {}

  /** In whole hours, else whole minutes, else seconds. */
  public static String of(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds != 0 && seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    return seconds != 0 && seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }
}
