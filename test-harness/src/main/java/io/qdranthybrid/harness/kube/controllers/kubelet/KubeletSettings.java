package io.qdranthybrid.harness.kube.controllers.kubelet;

import java.time.Duration;

/**
 * Timings of the simulated kubelet. The real kubelet's crash back-off starts at 10 s and caps at
 * 5 min; a simulation wants the same shape on a much shorter clock.
 *
 * @param crashBackOffInitial delay before the first restart of a crashed container; doubles each crash
 * @param crashBackOffMax     cap of that delay
 * @param backOffResetAfter   a container that ran this long before crashing restarts with the initial delay
 * @param configErrorRetry    how often a container blocked by a missing Secret/ConfigMap/volume is retried
 * @param probeTimeScale      factor applied to probe periods and initial delays (1.0 = as written in the spec)
 * @param probeThreads        threads of the shared probe scheduler
 * @param workers             reconcile worker threads
 */
public record KubeletSettings(Duration crashBackOffInitial, Duration crashBackOffMax, Duration backOffResetAfter,
        Duration configErrorRetry, double probeTimeScale, int probeThreads, int workers) {

    public KubeletSettings {
        requirePositive("crashBackOffInitial", crashBackOffInitial);
        requirePositive("crashBackOffMax", crashBackOffMax);
        requirePositive("backOffResetAfter", backOffResetAfter);
        requirePositive("configErrorRetry", configErrorRetry);
        if (crashBackOffMax.compareTo(crashBackOffInitial) < 0) {
            throw new IllegalArgumentException("crashBackOffMax " + crashBackOffMax
                    + " is below crashBackOffInitial " + crashBackOffInitial);
        }
        if (!(probeTimeScale > 0)) {
            throw new IllegalArgumentException("probeTimeScale must be positive, got " + probeTimeScale);
        }
        if (probeThreads < 1 || workers < 1) {
            throw new IllegalArgumentException("probeThreads and workers must be at least 1, got "
                    + probeThreads + " and " + workers);
        }
    }

    /** 100 ms back-off doubling up to 5 s, probes on their written periods. */
    public static KubeletSettings defaults() {
        return new KubeletSettings(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofMillis(500), 1.0, 2, 2);
    }

    public KubeletSettings withProbeTimeScale(double scale) {
        return new KubeletSettings(crashBackOffInitial, crashBackOffMax, backOffResetAfter, configErrorRetry, scale,
                probeThreads, workers);
    }

    public KubeletSettings withCrashBackOff(Duration initial, Duration max) {
        return new KubeletSettings(initial, max, backOffResetAfter, configErrorRetry, probeTimeScale, probeThreads,
                workers);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
    }
}
