package io.qdranthybrid.operator.backup;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronScheduleTest {

    private static final Instant TUESDAY_10_17 = Instant.parse("2026-11-24T10:17:42Z");

    private static Instant next(String schedule, Instant after) throws InvalidScheduleException {
        return CronSchedule.parse(schedule).nextAfter(after);
    }

    @Test
    void dailyAtThreeRunsTomorrowOnceTodaysRunHasPassed() throws Exception {
        assertThat(next("0 3 * * *", TUESDAY_10_17)).isEqualTo(Instant.parse("2026-11-25T03:00:00Z"));
        assertThat(next("0 3 * * *", Instant.parse("2026-11-24T02:59:59Z"))).isEqualTo(Instant.parse("2026-11-24T03:00:00Z"));
    }

    @Test
    void nextRunIsStrictlyAfterTheGivenInstant() throws Exception {
        Instant onTheHour = Instant.parse("2026-11-24T11:00:00Z");
        assertThat(next("0 * * * *", onTheHour)).isEqualTo(Instant.parse("2026-11-24T12:00:00Z"));
    }

    @Test
    void stepsListsAndRangesCombine() throws Exception {
        assertThat(next("*/15 * * * *", TUESDAY_10_17)).isEqualTo(Instant.parse("2026-11-24T10:30:00Z"));
        assertThat(next("5,50 * * * *", TUESDAY_10_17)).isEqualTo(Instant.parse("2026-11-24T10:50:00Z"));
        assertThat(next("0 9-17/4 * * *", TUESDAY_10_17)).isEqualTo(Instant.parse("2026-11-24T13:00:00Z"));
        assertThat(next("30 2 * * 1-5", Instant.parse("2026-11-28T00:00:00Z"))) // Saturday -> Monday
                .isEqualTo(Instant.parse("2026-11-30T02:30:00Z"));
    }

    @Test
    void monthAndWeekdayNamesAreAccepted() throws Exception {
        assertThat(next("0 0 1 jan *", TUESDAY_10_17)).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(next("0 12 * * SUN", TUESDAY_10_17)).isEqualTo(Instant.parse("2026-11-29T12:00:00Z"));
        assertThat(next("0 12 * * 7", TUESDAY_10_17)).isEqualTo(Instant.parse("2026-11-29T12:00:00Z"));
    }

    @Test
    void restrictedDayOfMonthAndWeekdayMatchEitherAsCronDoes() throws Exception {
        // The 1st of the month or any Friday: Friday 27 November comes first.
        assertThat(next("0 0 1 * 5", TUESDAY_10_17)).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
    }

    @Test
    void leapDayIsFoundYearsAhead() throws Exception {
        assertThat(next("0 0 29 2 *", TUESDAY_10_17)).isEqualTo(Instant.parse("2028-02-29T00:00:00Z"));
    }

    @Test
    void macrosMeanTheirCronExpressions() throws Exception {
        assertThat(next("@hourly", TUESDAY_10_17)).isEqualTo(Instant.parse("2026-11-24T11:00:00Z"));
        assertThat(next("@daily", TUESDAY_10_17)).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
        assertThat(next("@midnight", TUESDAY_10_17)).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
        assertThat(next("@weekly", TUESDAY_10_17)).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
        assertThat(next("@monthly", TUESDAY_10_17)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(next("@yearly", TUESDAY_10_17)).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(next("@annually", TUESDAY_10_17)).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void everyIntervalRunsAtMultiplesOfItSinceTheEpochSoRestartsKeepTheSlots() throws Exception {
        CronSchedule every = CronSchedule.parse("@every 1h30m");
        assertThat(every).isEqualTo(new EveryInterval(Duration.ofMinutes(90)));
        assertThat(every.nextAfter(TUESDAY_10_17)).isEqualTo(Instant.parse("2026-11-24T10:30:00Z"));
        CronSchedule twoSeconds = CronSchedule.parse("@every 2s");
        assertThat(twoSeconds.nextAfter(Instant.parse("2026-11-24T10:17:42.500Z"))).isEqualTo(Instant.parse("2026-11-24T10:17:44Z"));
        assertThat(twoSeconds.nextAfter(Instant.parse("2026-11-24T10:17:44Z"))).isEqualTo(Instant.parse("2026-11-24T10:17:46Z"));
    }

    @Test
    void slotsAreRecognised() throws Exception {
        CronSchedule daily = CronSchedule.parse("0 3 * * *");
        assertThat(daily.isSlot(Instant.parse("2026-11-24T03:00:00Z"))).isTrue();
        assertThat(daily.isSlot(Instant.parse("2026-11-24T03:01:00Z"))).isFalse();
        CronSchedule every = CronSchedule.parse("@every 2s");
        assertThat(every.isSlot(Instant.parse("2026-11-24T03:00:02Z"))).isTrue();
        assertThat(every.isSlot(Instant.parse("2026-11-24T03:00:03Z"))).isFalse();
    }

    @Test
    void invalidSchedulesAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> CronSchedule.parse("0 3 * *")).isInstanceOf(InvalidScheduleException.class)
                .hasMessageContaining("has 4 fields; use 5");
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *")).hasMessageContaining("minute field: 61 is outside 0-59");
        assertThatThrownBy(() -> CronSchedule.parse("* * * FOO *")).hasMessageContaining("month field")
                .hasMessageContaining("JAN");
        assertThatThrownBy(() -> CronSchedule.parse("*/0 * * * *")).hasMessageContaining("step 0 must be at least 1");
        assertThatThrownBy(() -> CronSchedule.parse("5-1 * * * *")).hasMessageContaining("starts after it ends");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 30 2 *")).hasMessageContaining("never runs");
        assertThatThrownBy(() -> CronSchedule.parse("@fortnightly")).hasMessageContaining("unknown macro");
        assertThatThrownBy(() -> CronSchedule.parse("@every soon")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> CronSchedule.parse("@every 500ms")).hasMessageContaining("at least 1s");
        assertThatThrownBy(() -> CronSchedule.parse(" ")).hasMessageContaining("empty");
    }
}
