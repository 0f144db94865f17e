package io.harbormaster.core.sizing;

import io.harbormaster.core.model.InvalidSpecException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.Optional;

/**
 * A maintenance window's schedule, in UTC: five fields (minute hour day-of-month month day-of-week,
 * at second 0), as crontab and Kubernetes CronJobs write them, or six with seconds first, as Spring
 * writes them ({@code 0 0 3 * * *}); {@link #fieldsRead()} says which it read. A field is {@code
 * *}, {@code ?} (day fields), a number, a range {@code a-b}, a step {@code * /n} or {@code a-b/n},
 * or a list of those; months and days may be named ({@code JAN}, {@code MON}). Sunday is 0 or 7, as
 * in cron and Spring (Quartz counts Sunday as 1: names read the same everywhere). When both day
 * fields are restricted, either matching is enough, as in cron; a day field starting with {@code *}
 * (such as {@code * /2}) counts as unrestricted, as in Vixie cron.
 */
public final class CronSchedule {
  private static final String FIELD = "spec.maintenanceWindow.schedule";
  private static final String[] MONTHS = {
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
  };
  private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

  /** How far ahead the next opening is looked for: a schedule may name one day a year. */
  private static final int HORIZON_DAYS = 366 * 4;

  private final String text;
  private final int fieldsRead;
  private final BitSet seconds;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private CronSchedule(String text, String[] fields) {
    this.text = text;
    this.fieldsRead = fields.length;
    int offset = fields.length == 6 ? 1 : 0;
    this.seconds = offset == 1 ? parse(fields[0], "seconds", 0, 59, null) : single(0);
    this.minutes = parse(fields[offset], "minutes", 0, 59, null);
    this.hours = parse(fields[offset + 1], "hours", 0, 23, null);
    this.daysOfMonth = parse(fields[offset + 2], "day of month", 1, 31, null);
    this.months = parse(fields[offset + 3], "month", 1, 12, MONTHS);
    BitSet week = parse(fields[offset + 4], "day of week", 0, 7, DAYS);
    if (week.get(7)) {
      week.set(0);
    }
    this.daysOfWeek = week;
    this.anyDayOfMonth = unrestricted(fields[offset + 2]);
    this.anyDayOfWeek = unrestricted(fields[offset + 4]);
  }

  /**
   * @throws InvalidSpecException naming {@value #FIELD} and what is wrong
   */
  public static CronSchedule parse(String text) {
    String[] fields = text == null ? new String[0] : text.trim().split("\\s+");
    if (fields.length != 5 && fields.length != 6 || text.isBlank()) {
      throw new InvalidSpecException(
          FIELD,
          "'"
              + text
              + "' has "
              + (text == null || text.isBlank() ? 0 : fields.length)
              + " fields: give 5 (minute hour day-of-month month day-of-week) or 6 (seconds first),"
              + " e.g. '0 3 * * *' or '0 0 3 * * *'");
    }
    return new CronSchedule(text.trim(), fields);
  }

  /** 5 or 6. */
  public int fieldsRead() {
    return fieldsRead;
  }

  /** How it was read, for a status: {@code '0 0 3 * * *' (6 fields, seconds first; UTC)}. */
  public String describe() {
    return "'"
        + text
        + "' ("
        + (fieldsRead == 6 ? "6 fields, seconds first" : "5 fields, at second 0")
        + "; UTC)";
  }

  /**
   * Whether a window of {@code duration} opened at one of the schedule's times is open at {@code
   * now}, and when the next one opens.
   */
  public WindowState window(Instant now, Duration duration) {
    Optional<Instant> lastStart = latestAtOrBefore(now, now.minus(duration));
    boolean open = lastStart.map(start -> now.isBefore(start.plus(duration))).orElse(false);
    return new WindowState(open, next(now));
  }

  /** The first time after {@code now}, within the horizon. */
  public Optional<Instant> next(Instant now) {
    LocalDateTime from = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    LocalDate day = from.toLocalDate();
    for (int d = 0; d <= HORIZON_DAYS; d++, day = day.plusDays(1)) {
      if (!matches(day)) {
        continue;
      }
      for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
        for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
          for (int s = seconds.nextSetBit(0); s >= 0; s = seconds.nextSetBit(s + 1)) {
            LocalDateTime at = day.atTime(h, m, s);
            if (at.isAfter(from)) {
              return Optional.of(at.toInstant(ZoneOffset.UTC));
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The newest time at or before {@code now} and not before {@code notBefore}. */
  private Optional<Instant> latestAtOrBefore(Instant now, Instant notBefore) {
    LocalDateTime to = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    LocalDateTime floor = LocalDateTime.ofInstant(notBefore, ZoneOffset.UTC);
    for (LocalDate day = to.toLocalDate();
        !day.isBefore(floor.toLocalDate());
        day = day.minusDays(1)) {
      if (!matches(day)) {
        continue;
      }
      for (int h = hours.previousSetBit(23); h >= 0; h = hours.previousSetBit(h - 1)) {
        for (int m = minutes.previousSetBit(59); m >= 0; m = minutes.previousSetBit(m - 1)) {
          for (int s = seconds.previousSetBit(59); s >= 0; s = seconds.previousSetBit(s - 1)) {
            LocalDateTime at = day.atTime(h, m, s);
            if (at.isBefore(floor)) {
              return Optional.empty();
            }
            if (!at.isAfter(to)) {
              return Optional.of(at.toInstant(ZoneOffset.UTC));
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  private boolean matches(LocalDate day) {
    if (!months.get(day.getMonthValue())) {
      return false;
    }
    boolean dom = daysOfMonth.get(day.getDayOfMonth());
    boolean dow =
        daysOfWeek.get(day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue());
    if (anyDayOfMonth || anyDayOfWeek) {
      return dom && dow;
    }
    return dom || dow;
  }

  private static boolean unrestricted(String field) {
    return field.startsWith("*") || field.equals("?");
  }

  private static boolean isAny(String field) {
    return field.equals("*") || field.equals("?");
  }

  private static BitSet single(int value) {
    BitSet set = new BitSet();
    set.set(value);
    return set;
  }

  private static BitSet parse(String field, String name, int min, int max, String[] names) {
    BitSet set = new BitSet();
    for (String part : field.split(",", -1)) {
      String[] stepped = part.split("/", -1);
      if (stepped.length > 2) {
        throw invalid(field, name, min, max);
      }
      int step = stepped.length == 2 ? number(stepped[1], field, name, 1, max, null) : 1;
      int from;
      int to;
      if (isAny(stepped[0])) {
        from = min;
        to = max;
      } else if (stepped[0].contains("-")) {
        String[] range = stepped[0].split("-", -1);
        if (range.length != 2) {
          throw invalid(field, name, min, max);
        }
        from = number(range[0], field, name, min, max, names);
        to = number(range[1], field, name, min, max, names);
      } else {
        from = number(stepped[0], field, name, min, max, names);
        to = stepped.length == 2 ? max : from;
      }
      if (from > to) {
        throw invalid(field, name, min, max);
      }
      for (int value = from; value <= to; value += step) {
        set.set(value);
      }
    }
    return set;
  }

  private static int number(
      String text, String field, String name, int min, int max, String[] names) {
    if (names != null) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equalsIgnoreCase(text)) {
          return names == MONTHS ? i + 1 : i;
        }
      }
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // said below
    }
    throw invalid(field, name, min, max);
  }

  private static InvalidSpecException invalid(String field, String name, int min, int max) {
    return new InvalidSpecException(
        FIELD,
        "the "
            + name
            + " field '"
            + field
            + "' is not *, a number from "
            + min
            + " to "
            + max
            + ", a range a-b, a step */n or a list of those");
  }
}
