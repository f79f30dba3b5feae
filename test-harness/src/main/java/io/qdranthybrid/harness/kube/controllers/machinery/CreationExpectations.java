package io.qdranthybrid.harness.kube.controllers.machinery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Objects a controller created that its informer has not shown yet, like the real controllers'
 * expectations: while pending they count as existing, so a lagging cache causes no second create.
 * An expectation the informer never confirms expires, so a lost event cannot block forever.
 */
public final class CreationExpectations {

    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration timeout;

    public CreationExpectations(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Call before the create request: the informer may deliver the object before the response. */
    public void expect(String key) {
        pending.put(key, clock.instant());
    }

    /** The informer showed the object (or the create failed). */
    public void observed(String key) {
        pending.remove(key);
    }

    public boolean isPending(String key) {
        Instant since = pending.get(key);
        if (since == null) {
            return false;
        }
        if (since.plus(timeout).isBefore(clock.instant())) {
            pending.remove(key, since);
            return false;
        }
        return true;
    }
}
