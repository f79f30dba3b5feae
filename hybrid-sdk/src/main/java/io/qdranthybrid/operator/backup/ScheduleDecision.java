package io.qdranthybrid.operator.backup;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What a backup schedule does now, decided from its schedule, the run it last announced in status.scheduled and the
 * time: pure. A due slot is run once (the snapshot's name is derived from the slot); slots missed while the operator
 * was down collapse into that one run, as a CronJob with a missed start does.
 *
 * @param runSlot   the slot to take a backup for now, if one is due
 * @param scheduled the next run to announce (and to wake up at)
 */
public record ScheduleDecision(Optional<Instant> runSlot, Instant scheduled) {

    /**
     * @param announced status.scheduled as last written, null when never
     */
    public static ScheduleDecision decide(CronSchedule schedule, String announced, Instant now) {
        Instant next = schedule.nextAfter(now);
        Instant due = parse(announced);
        if (due == null) {
            return new ScheduleDecision(Optional.empty(), next);
        }
        if (due.isAfter(now)) {
            // An announced future run that is not the schedule's next one means the schedule changed: re-announce.
            return new ScheduleDecision(Optional.empty(), next);
        }
        // A past run is only taken if it is still a slot of the (possibly edited) schedule.
        return new ScheduleDecision(schedule.isSlot(due) ? Optional.of(due) : Optional.empty(), next);
    }

    private static Instant parse(String announced) {
        if (announced == null || announced.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(announced);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
