package io.qdranthybrid.platform.environment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether an environment's agent counts as gone: not heard from for longer than the staleness window (the hosted
 * product's ~5 min, {@link EnvironmentStatusRollup#DEFAULT_SILENCE_WINDOW}). Its clusters' and backups' statuses then
 * read UNKNOWN, and a forced delete is allowed: "Consumers gate actions such as force-delete on this value"
 * (qdrant-cloud public API, {@code ClusterPhase.UNKNOWN}).
 *
 * <p>The agent was last heard at its last recorded contact or, if later, when its session ended: contact is recorded
 * at most every {@code SessionSettings.contactRecordInterval}, the disconnect is exact. A short disconnect is not
 * staleness: the agent reconnects by itself and nothing should be forced meanwhile.
 */
public final class AgentStaleness {

    private final Clock clock;
    private final Duration window;

    public AgentStaleness(Clock clock, Duration window) {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the staleness window must be positive but was " + window);
        }
        this.clock = clock;
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    public Staleness of(Environment environment, AgentPresence presence) {
        Instant lastHeard = environment.lastContactAt();
        if (presence.state() == AgentPresence.State.DISCONNECTED
                && (lastHeard == null || presence.since().isAfter(lastHeard))) {
            lastHeard = presence.since();
        }
        if (lastHeard == null) {
            return new Staleness(true, null, null, "the agent of environment " + environment.id()
                    + " has never connected, so nothing of it runs in namespace " + environment.namespace());
        }
        Instant staleAt = lastHeard.plus(window);
        Duration silence = Duration.between(lastHeard, clock.instant());
        // As the roll-up: a contact record older than the window reads UNKNOWN even with a session open.
        boolean stale = silence.compareTo(window) > 0;
        if (stale) {
            return new Staleness(true, lastHeard, staleAt, "no word from the agent since " + lastHeard + " ("
                    + silence.toSeconds() + " s, longer than the " + window.toSeconds() + " s staleness window), so"
                    + " its last report may be arbitrarily old");
        }
        return new Staleness(false, lastHeard, staleAt, presence.connected() ? "the agent is connected"
                : "the agent was last heard at " + lastHeard + "; its reports count as stale from " + staleAt
                + " (" + window.toSeconds() + " s staleness window)");
    }
}
