package io.qdranthybrid.platform.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed handshakes per remote address in fixed windows: an address that fails too often is turned away before its
 * key is looked at, so guessing keys or environment ids costs the guesser time, not us. Remembers a bounded number of
 * addresses (the least recently failing are forgotten first). Thread-safe.
 */
final class FailedHandshakes {

    private static final int REMEMBERED_ADDRESSES = 10_000;

    private final int allowedPerWindow;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> byAddress = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > REMEMBERED_ADDRESSES;
        }
    };

    private record Window(Instant start, int failures) {
    }

    FailedHandshakes(int allowedPerWindow, Duration window, Clock clock) {
        this.allowedPerWindow = allowedPerWindow;
        this.window = window;
        this.clock = clock;
    }

    synchronized void failed(String address) {
        Instant now = clock.instant();
        Window current = current(address, now);
        byAddress.put(address, current == null ? new Window(now, 1) : new Window(current.start(), current.failures() + 1));
    }

    /** Whether {@code address} used up its failures for the current window. */
    synchronized boolean blocked(String address) {
        Window current = current(address, clock.instant());
        return current != null && current.failures() >= allowedPerWindow;
    }

    private Window current(String address, Instant now) {
        Window held = byAddress.get(address);
        return held == null || !now.isBefore(held.start().plus(window)) ? null : held;
    }
}
