package io.qdranthybrid.operator.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * When a backup schedule fires, in UTC: a 5-field cron expression, one of the {@code @hourly}-style macros,
 * or {@code @every <duration>}. Pure: the next run is a function of the expression and a point in time.
 */
public sealed interface CronSchedule permits CronExpression, EveryInterval {

    Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");

    /** The first run strictly after {@code after}. */
    Instant nextAfter(Instant after);

    /** Whether a run is due exactly at {@code instant}, i.e. it is one of the schedule's slots. */
    default boolean isSlot(Instant instant) {
        return nextAfter(instant.minusNanos(1)).equals(instant);
    }

    /**
     * Parses a schedule as the QdrantClusterScheduledSnapshot CRD documents it.
     *
     * @throws InvalidScheduleException with a message a user can act on
     */
    static CronSchedule parse(String text) throws InvalidScheduleException {
        if (text == null || text.isBlank()) {
            throw new InvalidScheduleException("the schedule is empty; use a cron expression like \"0 3 * * *\", "
                    + "a macro like @daily, or @every 6h");
        }
        String trimmed = text.trim();
        if (trimmed.startsWith("@every")) {
            String duration = trimmed.substring("@every".length()).trim();
            Duration interval;
            try {
                interval = GoDuration.parse(duration);
            } catch (IllegalArgumentException e) {
                throw new InvalidScheduleException("schedule \"" + text + "\": " + e.getMessage());
            }
            try {
                return new EveryInterval(interval);
            } catch (IllegalArgumentException e) {
                throw new InvalidScheduleException("schedule \"" + text + "\": " + e.getMessage());
            }
        }
        if (trimmed.startsWith("@")) {
            String expression = MACROS.get(trimmed.toLowerCase(java.util.Locale.ROOT));
            if (expression == null) {
                throw new InvalidScheduleException("schedule \"" + text + "\": unknown macro; use one of "
                        + new java.util.TreeSet<>(MACROS.keySet()) + " or @every <duration>");
            }
            return CronExpression.parse(expression);
        }
        return CronExpression.parse(trimmed);
    }
}
