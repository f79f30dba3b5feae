package io.qdranthybrid.harness.runtime;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The stdout/stderr of one container start, as the container runtime keeps it on the node: one line per entry, each
 * with the time the runtime received it (the CRI log file's timestamp, what {@code kubectl logs --timestamps} shows).
 * Bounded like the kubelet's {@code containerLogMaxSize}: beyond {@link #MAX_LINES} the oldest lines are rotated away.
 * Thread-safe: the workload writes while the API server reads.
 */
public final class ContainerLog {

    /** Lines kept per container start; older ones are gone, as after a log rotation. */
    public static final int MAX_LINES = 10_000;

    /** One line as the runtime stored it; {@code text} carries no trailing newline. */
    public record Line(Instant at, String text) {
    }

    private final Clock clock;
    private final Deque<Line> lines = new ArrayDeque<>();

    public ContainerLog(Clock clock) {
        this.clock = clock;
    }

    public ContainerLog() {
        this(Clock.systemUTC());
    }

    /** Appends one line per line of {@code text}, stamped now. */
    public void write(String text) {
        Instant now = clock.instant();
        synchronized (lines) {
            for (String line : text.split("\n", -1)) {
                lines.addLast(new Line(now, line));
                if (lines.size() > MAX_LINES) {
                    lines.removeFirst();
                }
            }
        }
    }

    /** Every line kept, oldest first. */
    public List<Line> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
