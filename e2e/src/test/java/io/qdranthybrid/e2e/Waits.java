package io.qdranthybrid.e2e;

import java.time.Duration;

/**
 * How long the scenarios wait for an observable outcome. Generous on purpose: the bounds catch a system that is stuck,
 * not one that is slow on a busy machine, and no scenario asserts speed.
 */
final class Waits {

    /** A cluster or environment reaching a state after a change (create, scale, upgrade, restore...). */
    static final Duration CONVERGE = Duration.ofSeconds(90);

    /** The control plane showing current statuses again after the agent reconnects: "within seconds", generously. */
    static final Duration CURRENT_AGAIN = Duration.ofSeconds(15);

    /** Something that follows at once from an action (a session cut, a refusal, a deletion accepted). */
    static final Duration PROMPTLY = Duration.ofSeconds(15);

    static final Duration POLL = Duration.ofMillis(100);

    private Waits() {
    }
}
