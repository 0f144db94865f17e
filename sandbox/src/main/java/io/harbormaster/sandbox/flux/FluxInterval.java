package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** A Flux object's {@code spec.interval}, written as Go writes durations ({@code 30s}, {@code 10m}, {@code 1h30m}). */
final class FluxInterval {
  private FluxInterval() {}

  /** Empty when the object has none, or one this reader cannot parse (milliseconds, fractions). */
  static Optional<Duration> of(GenericKubernetesResource object) {
    return Fields.text(object, "spec", "interval").flatMap(text -> {
      try {
        Duration interval = Duration.parse("PT" + text.toUpperCase(Locale.ROOT));
        return interval.isNegative() || interval.isZero() ? Optional.empty() : Optional.of(interval);
      } catch (DateTimeParseException unreadable) {
        return Optional.empty();
      }
    });
  }
}
