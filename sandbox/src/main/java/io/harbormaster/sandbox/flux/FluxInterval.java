package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * A Flux object's durations ({@code spec.interval}, {@code spec.timeout}...), written as Go writes
 * them ({@code 30s}, {@code 10m}, {@code 1h30m}).
 */
public final class FluxInterval {
  private FluxInterval() {}

  /** {@code spec.interval}. */
  public static Optional<Duration> of(GenericKubernetesResource object) {
    return spec(object, "interval");
  }

  /**
   * {@code spec.<path>}; empty when the object has none, or one this reader cannot parse
   * (milliseconds, fractions).
   */
  static Optional<Duration> spec(GenericKubernetesResource object, String... path) {
    Object[] full = new Object[path.length + 1];
    full[0] = "spec";
    System.arraycopy(path, 0, full, 1, path.length);
    return Fields.text(object, full).flatMap(FluxInterval::parse);
  }

  private static Optional<Duration> parse(String text) {
    try {
      Duration duration = Duration.parse("PT" + text.toUpperCase(Locale.ROOT));
      return duration.isNegative() || duration.isZero() ? Optional.empty() : Optional.of(duration);
    } catch (DateTimeParseException unreadable) {
      return Optional.empty();
    }
  }

  /** As Go prints a duration: {@code 5m0s}, {@code 30s}, {@code 1h0m0s}. */
  static String format(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + seconds % 60 + "s";
    }
    return seconds / 3600 + "h" + seconds % 3600 / 60 + "m" + seconds % 60 + "s";
  }
}
