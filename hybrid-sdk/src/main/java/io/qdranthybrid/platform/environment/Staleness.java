package io.qdranthybrid.platform.environment;

import java.time.Instant;

/**
 * How stale what an environment's agent reported is (see {@link AgentStaleness}).
 *
 * @param stale       true when the agent was not heard from for longer than the window, or never
 * @param lastHeardAt when the agent was last heard from; null if never
 * @param staleAt     when its reports count (or started counting) as stale; null if never heard
 * @param why         for a human: since when and why
 */
public record Staleness(boolean stale, Instant lastHeardAt, Instant staleAt, String why) {

    /** Whether the agent was ever heard from: a never-connected agent created nothing that could be stale. */
    public boolean everHeard() {
        return lastHeardAt != null;
    }
}
