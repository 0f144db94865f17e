package io.harbormaster.cli.cluster;

import io.harbormaster.api.mapping.GoDuration;
import io.harbormaster.core.model.InvalidSpecException;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --timeout}: how long to follow a request, written as kubectl and Flux write durations. */
final class Timeout {
  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "10m",
      converter = GoDurationConverter.class,
      description =
          "How long to wait, e.g. 90s, 10m, 1h (default: ${DEFAULT-VALUE}); then exit code 5.")
  private Duration timeout;

  Duration duration() {
    return timeout;
  }

  /** {@code 90s}, {@code 5m}, {@code 1h30m}. */
  static final class GoDurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return GoDuration.parse("--timeout", value);
      } catch (InvalidSpecException invalid) {
        // picocli names the option itself.
        throw new TypeConversionException(invalid.problem());
      }
    }
  }
}
