package io.harbormaster.core.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.model.InvalidSpecException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  private static final Duration TWO_HOURS = Duration.ofHours(2);

  @Test
  void fiveFieldsAreReadAsCrontabsAndSixWithSecondsFirstAndEachSaysWhichItRead() {
    CronSchedule five = CronSchedule.parse("0 3 * * *");
    CronSchedule six = CronSchedule.parse("0 0 3 * * *");

    assertThat(five.fieldsRead()).isEqualTo(5);
    assertThat(six.fieldsRead()).isEqualTo(6);
    assertThat(five.describe()).isEqualTo("'0 3 * * *' (5 fields, at second 0; UTC)");
    assertThat(six.describe()).isEqualTo("'0 0 3 * * *' (6 fields, seconds first; UTC)");
    Instant now = Instant.parse("2026-11-28T01:00:00Z");
    assertThat(five.next(now)).contains(Instant.parse("2026-11-28T03:00:00Z"));
    assertThat(six.next(now)).isEqualTo(five.next(now));
  }

  @Test
  void theWindowIsOpenFromEachTimeForItsDuration() {
    CronSchedule nightly = CronSchedule.parse("0 0 3 * * *");

    assertThat(nightly.window(Instant.parse("2026-11-28T02:59:59Z"), TWO_HOURS))
        .isEqualTo(
            new WindowState(false, java.util.Optional.of(Instant.parse("2026-11-28T03:00:00Z"))));
    assertThat(nightly.window(Instant.parse("2026-11-28T03:00:00Z"), TWO_HOURS).open()).isTrue();
    assertThat(nightly.window(Instant.parse("2026-11-28T04:59:59Z"), TWO_HOURS).open()).isTrue();
    assertThat(nightly.window(Instant.parse("2026-11-28T05:00:00Z"), TWO_HOURS).open()).isFalse();
  }

  @Test
  void aWindowOpenedYesterdayEveningIsStillOpenAfterMidnight() {
    CronSchedule evening = CronSchedule.parse("30 23 * * *");

    assertThat(evening.window(Instant.parse("2026-11-28T00:15:00Z"), TWO_HOURS).open()).isTrue();
    assertThat(evening.window(Instant.parse("2026-11-28T01:30:00Z"), TWO_HOURS).open()).isFalse();
  }

  @Test
  void rangesStepsListsAndNamesAreRead() {
    CronSchedule weekdays = CronSchedule.parse("0 */15 9-17 * JAN,mar MON-FRI");

    // Saturday 2026-01-03 09:00 is no weekday; Monday 2026-01-05 is.
    assertThat(weekdays.next(Instant.parse("2026-01-03T08:00:00Z")))
        .contains(Instant.parse("2026-01-05T09:00:00Z"));
    assertThat(weekdays.next(Instant.parse("2026-01-05T09:00:00Z")))
        .contains(Instant.parse("2026-01-05T09:15:00Z"));
    assertThat(weekdays.next(Instant.parse("2026-01-30T17:45:00Z")))
        .as("February is not in the list")
        .contains(Instant.parse("2026-03-02T09:00:00Z"));
  }

  @Test
  void withBothDayFieldsRestrictedEitherMatchingIsEnough() {
    // The 1st of the month, or any Sunday: cron's rule.
    CronSchedule schedule = CronSchedule.parse("0 3 1 * 0");

    assertThat(schedule.next(Instant.parse("2026-11-28T04:00:00Z")))
        .as("Sunday the 29th comes before December 1st")
        .contains(Instant.parse("2026-11-29T03:00:00Z"));
    assertThat(schedule.next(Instant.parse("2026-11-29T04:00:00Z")))
        .contains(Instant.parse("2026-12-01T03:00:00Z"));
  }

  @Test
  void aBadScheduleIsRefusedNamingTheFieldAndWhatIsWrong() {
    assertThatThrownBy(() -> CronSchedule.parse("0 3 * *"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith("spec.maintenanceWindow.schedule: '0 3 * *' has 4 fields: give 5");
    assertThatThrownBy(() -> CronSchedule.parse("0 25 * * *"))
        .hasMessageContaining("the hours field '25' is not *, a number from 0 to 23");
    assertThatThrownBy(() -> CronSchedule.parse("0 3 * FOO *"))
        .hasMessageContaining("the month field 'FOO'");
    assertThatThrownBy(() -> CronSchedule.parse("0 5-3 * * *"))
        .hasMessageContaining("the hours field '5-3'");
    assertThatThrownBy(() -> CronSchedule.parse("  ")).hasMessageContaining("has 0 fields");
  }
}
