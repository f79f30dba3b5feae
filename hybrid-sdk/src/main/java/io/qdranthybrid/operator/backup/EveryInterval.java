package io.qdranthybrid.operator.backup;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code @every <duration>}: runs at every multiple of the interval since the Unix epoch. Anchoring to the epoch
 * (not to when the operator started) makes the slots the same after a restart, so a slot is never run twice.
 */
public record EveryInterval(Duration interval) implements CronSchedule {

    public EveryInterval {
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("@every needs an interval of at least 1s, got " + GoDuration.format(interval));
        }
    }

    @Override
    public Instant nextAfter(Instant after) {
        long step = interval.toMillis();
        long millis = after.toEpochMilli();
        long slot = Math.floorDiv(millis, step) * step + step;
        return Instant.ofEpochMilli(slot);
    }
}
