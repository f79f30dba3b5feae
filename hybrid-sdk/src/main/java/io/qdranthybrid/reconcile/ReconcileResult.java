package io.qdranthybrid.reconcile;

import java.time.Duration;
import java.util.Objects;

/** What a reconcile asks of the controller next: nothing until the world changes, or another run after a delay. */
public sealed interface ReconcileResult {

    /** The world matches the desired state; wait for the next event (or periodic resync). */
    record Done() implements ReconcileResult {
    }

    /** Run again after {@code delay} even if nothing changes, e.g. to poll a slow external operation. */
    record RequeueAfter(Duration delay) implements ReconcileResult {
        public RequeueAfter {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("requeue delay must not be negative, got " + delay);
            }
        }
    }

    static ReconcileResult done() {
        return new Done();
    }

    static ReconcileResult requeueAfter(Duration delay) {
        return new RequeueAfter(delay);
    }
}
