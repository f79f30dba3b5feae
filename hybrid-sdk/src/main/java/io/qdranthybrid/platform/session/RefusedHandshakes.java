package io.qdranthybrid.platform.session;

import io.qdranthybrid.protocol.message.RefusalReason;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which refused handshakes are worth a log line. An agent with a rotated key retries about once a second forever;
 * a line (or three) per retry buries everything else. So each cause (environment and reason) is logged when it first
 * happens, then summarised with a count at most once per {@link #SUMMARY_INTERVAL}, and once more when that
 * environment's agent gets in again. Decides only; the session writes the line. Remembers a bounded number of causes
 * (strangers guessing ids must not grow it). Thread-safe.
 */
final class RefusedHandshakes {

    static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);
    private static final int REMEMBERED_CAUSES = 1_000;

    private final Clock clock;
    private final Map<String, Cause> causes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cause> eldest) {
            return size() > REMEMBERED_CAUSES;
        }
    };

    private record Cause(String environment, RefusalReason reason, Instant since, Instant loggedAt, long total,
                         long sinceLogged) {
    }

    RefusedHandshakes(Clock clock) {
        this.clock = clock;
    }

    /**
     * Counts one refusal.
     *
     * @param environment the environment the Hello named, already made log-safe
     * @param message     the refusal as the agent is told it (what to do), made log-safe
     * @return the line to log, empty when this cause was logged recently and is only counted
     */
    synchronized Optional<String> refused(String environment, String address, RefusalReason reason, String message) {
        Instant now = clock.instant();
        String key = environment + "|" + reason;
        Cause cause = causes.get(key);
        if (cause == null) {
            causes.put(key, new Cause(environment, reason, now, now, 1, 0));
            return Optional.of("Refused an agent of environment " + environment + " from " + address + ": " + reason
                    + " (" + message + "); further refusals for this reason are counted and logged at most once a"
                    + " minute");
        }
        Cause counted = new Cause(environment, reason, cause.since(), cause.loggedAt(), cause.total() + 1,
                cause.sinceLogged() + 1);
        if (Duration.between(cause.loggedAt(), now).compareTo(SUMMARY_INTERVAL) < 0) {
            causes.put(key, counted);
            return Optional.empty();
        }
        causes.put(key, new Cause(environment, reason, cause.since(), now, counted.total(), 0));
        return Optional.of("Refused the agent of environment " + environment + " " + counted.sinceLogged()
                + " more times for " + reason + " since " + cause.loggedAt() + " (" + counted.total() + " since "
                + cause.since() + ", last from " + address + "): " + message);
    }

    /**
     * The environment's agent got in: its causes are over.
     *
     * @return a line saying how many refusals it took, empty when none were counted
     */
    synchronized Optional<String> admitted(String environment) {
        long total = 0;
        StringBuilder reasons = new StringBuilder();
        var entries = causes.entrySet().iterator();
        while (entries.hasNext()) {
            Cause cause = entries.next().getValue();
            if (cause.environment().equals(environment)) {
                total += cause.total();
                reasons.append(reasons.length() == 0 ? "" : ", ").append(cause.reason()).append(" x")
                        .append(cause.total());
                entries.remove();
            }
        }
        return total == 0 ? Optional.empty() : Optional.of("The agent of environment " + environment
                + " got in after " + total + " refused handshakes (" + reasons + ")");
    }
}
