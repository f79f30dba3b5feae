package io.qdranthybrid.operator.backup;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleDecisionTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:17:42Z");

    @Test
    void newScheduleAnnouncesItsNextRunWithoutTakingABackup() throws Exception {
        ScheduleDecision decision = ScheduleDecision.decide(CronSchedule.parse("0 3 * * *"), null, NOW);

        assertThat(decision.runSlot()).isEmpty();
        assertThat(decision.scheduled()).isEqualTo(Instant.parse("2026-11-25T03:00:00Z"));
    }

    @Test
    void dueSlotIsRunOnceAndTheNextAnnounced() throws Exception {
        ScheduleDecision decision = ScheduleDecision.decide(CronSchedule.parse("*/5 * * * *"), "2026-11-24T10:15:00Z", NOW);

        assertThat(decision.runSlot()).contains(Instant.parse("2026-11-24T10:15:00Z"));
        assertThat(decision.scheduled()).isEqualTo(Instant.parse("2026-11-24T10:20:00Z"));
    }

    @Test
    void slotsMissedWhileTheOperatorWasDownCollapseIntoOneRunForTheFirst() throws Exception {
        ScheduleDecision decision = ScheduleDecision.decide(CronSchedule.parse("@hourly"), "2026-11-24T06:00:00Z", NOW);

        assertThat(decision.runSlot()).contains(Instant.parse("2026-11-24T06:00:00Z"));
        assertThat(decision.scheduled()).isEqualTo(Instant.parse("2026-11-24T11:00:00Z"));
    }

    @Test
    void notYetDueRunIsKept() throws Exception {
        ScheduleDecision decision = ScheduleDecision.decide(CronSchedule.parse("@hourly"), "2026-11-24T11:00:00Z", NOW);

        assertThat(decision.runSlot()).isEmpty();
        assertThat(decision.scheduled()).isEqualTo(Instant.parse("2026-11-24T11:00:00Z"));
    }

    @Test
    void editedScheduleReannouncesAndDoesNotRunASlotOfTheOldOne() throws Exception {
        // Was hourly (announced 10:00, now past); the schedule became daily at 03:00: 10:00 is no slot of it.
        ScheduleDecision past = ScheduleDecision.decide(CronSchedule.parse("0 3 * * *"), "2026-11-24T10:00:00Z", NOW);
        assertThat(past.runSlot()).isEmpty();
        assertThat(past.scheduled()).isEqualTo(Instant.parse("2026-11-25T03:00:00Z"));

        // Was daily (announced tomorrow 03:00); the schedule became hourly: the next run is sooner.
        ScheduleDecision future = ScheduleDecision.decide(CronSchedule.parse("@hourly"), "2026-11-25T03:00:00Z", NOW);
        assertThat(future.runSlot()).isEmpty();
        assertThat(future.scheduled()).isEqualTo(Instant.parse("2026-11-24T11:00:00Z"));
    }
}
