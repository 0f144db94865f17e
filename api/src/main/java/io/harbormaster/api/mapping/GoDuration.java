package io.harbormaster.api.mapping;

import io.harbormaster.core.model.InvalidSpecException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations written the way Flux and Go write them: {@code 90s}, {@code 5m}, {@code 1h30m}. */
public final class GoDuration {
  private static final Pattern WHOLE = Pattern.compile("([0-9]+(ms|s|m|h))+");
  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h)");

  private GoDuration() {}

  /**
   * @throws InvalidSpecException naming {@code field} when {@code text} is not such a duration
   */
  public static Duration parse(String field, String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new InvalidSpecException(
          field, "'" + text + "' is not a duration: write it like 90s, 5m or 1h30m");
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      long amount = Long.parseLong(part.group(1));
      switch (part.group(2)) {
        case "ms":
          total = total.plusMillis(amount);
          break;
        case "s":
          total = total.plusSeconds(amount);
          break;
        case "m":
          total = total.plusMinutes(amount);
          break;
        default:
          total = total.plusHours(amount);
      }
    }
    return total;
  }
}
