package io.qdranthybrid.harness.kube.controllers.kubelet;

import io.fabric8.kubernetes.api.model.Probe;
import io.qdranthybrid.harness.runtime.RunningContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs one probe of one container on the kubelet's shared scheduler, like the kubelet's probe
 * workers: after initialDelaySeconds, every periodSeconds; the result flips to passing after
 * successThreshold consecutive successes and to failing after failureThreshold consecutive failures.
 */
final class ProbeWorker {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeWorker.class);

    enum Kind {
        STARTUP(false), READINESS(false), LIVENESS(true);

        /** The result before the first probe: liveness assumes alive, the others assume not yet. */
        private final boolean initialResult;

        Kind(boolean initialResult) {
            this.initialResult = initialResult;
        }
    }

    private final Kind kind;
    private final Probe probe;
    private final RunningContainer container;
    private final BooleanSupplier paused;
    private final Runnable onResultChanged;
    private final String podKey;
    private volatile boolean passing;
    /** The failure threshold was reached since the last success (for startup probes "not yet" differs). */
    private volatile boolean failed;
    private int successes;
    private int failures;
    private ScheduledFuture<?> schedule;

    ProbeWorker(Kind kind, Probe probe, RunningContainer container, String podKey, BooleanSupplier paused,
            Runnable onResultChanged) {
        this.kind = kind;
        this.probe = probe;
        this.container = container;
        this.podKey = podKey;
        this.paused = paused;
        this.onResultChanged = onResultChanged;
        this.passing = kind.initialResult;
    }

    synchronized void start(ScheduledExecutorService scheduler, double timeScale) {
        long initialDelay = millis(probe.getInitialDelaySeconds(), 0, timeScale);
        long period = Math.max(1, millis(probe.getPeriodSeconds(), 10, timeScale));
        schedule = scheduler.scheduleWithFixedDelay(this::runOnce, initialDelay, period, TimeUnit.MILLISECONDS);
    }

    synchronized void cancel() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    boolean passing() {
        return passing;
    }

    boolean failed() {
        return failed;
    }

    Kind kind() {
        return kind;
    }

    private void runOnce() {
        if (paused.getAsBoolean()) {
            return;
        }
        boolean ok;
        try {
            ok = container.probe(probe);
        } catch (RuntimeException e) {
            LOG.debug("{} probe of {} threw, counted as a failure", kind, podKey, e);
            ok = false;
        }
        boolean changed;
        boolean passingChanged;
        synchronized (this) {
            if (ok) {
                successes++;
                failures = 0;
            } else {
                failures++;
                successes = 0;
            }
            boolean result = passing;
            boolean failedNow = failed;
            if (ok && successes >= threshold(probe.getSuccessThreshold())) {
                result = true;
                failedNow = false;
            } else if (!ok && failures >= threshold(probe.getFailureThreshold() == null ? 3 : probe.getFailureThreshold())) {
                result = false;
                failedNow = true;
            }
            passingChanged = result != passing;
            changed = passingChanged || failedNow != failed;
            passing = result;
            failed = failedNow;
        }
        if (kind == Kind.STARTUP && passing) {
            cancel(); // the kubelet stops a startup probe once it succeeded
        }
        if (passingChanged) {
            LOG.info("{} probe of pod {} is now {}", kind, podKey, passing ? "passing" : "failing");
        }
        if (changed) {
            onResultChanged.run();
        }
    }

    private static int threshold(Integer value) {
        return value == null || value < 1 ? 1 : value;
    }

    private static long millis(Integer seconds, int defaultSeconds, double scale) {
        int value = seconds == null || seconds < 0 ? defaultSeconds : seconds;
        return Math.round(value * 1000 * scale);
    }
}
