package io.qdranthybrid.agent;

import io.qdranthybrid.threads.SdkThreads;
import io.qdranthybrid.protocol.message.EnvironmentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Observes the environment every poll interval and publishes it when it changed, or when the report interval passed
 * since the last report (so the control plane knows the agent is alive even when nothing changes). A component
 * change asks for an observation right away.
 */
final class EnvironmentReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentReporter.class);

    private final EnvironmentObserver observer;
    private final AgentOutbox outbox;
    private final Duration pollInterval;
    private final Duration reportInterval;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private EnvironmentStatus lastReported;
    private Instant lastReportedAt;

    EnvironmentReporter(EnvironmentObserver observer, AgentOutbox outbox, Duration pollInterval,
                        Duration reportInterval, Clock clock) {
        this.observer = observer;
        this.outbox = outbox;
        this.pollInterval = pollInterval;
        this.reportInterval = reportInterval;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(SdkThreads.named("qdrant-agent-environment"));
    }

    void start() {
        scheduler.scheduleWithFixedDelay(this::observeSafely, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Observes soon, on the reporter's thread. */
    void observeSoon() {
        if (!scheduler.isShutdown()) {
            try {
                scheduler.execute(this::observeSafely);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // Closing: the final report is not needed.
            }
        }
    }

    private void observeSafely() {
        try {
            observe();
        } catch (RuntimeException e) {
            // Reporting must never take the agent down; the next poll tries again.
            LOG.warn("Observing the environment failed: {}", e.toString());
        }
    }

    private void observe() {
        EnvironmentStatus now = observer.observe();
        boolean changed = lastReported == null || !sameContent(lastReported, now);
        boolean due = lastReportedAt == null || !clock.instant().isBefore(lastReportedAt.plus(reportInterval));
        if (changed || due) {
            outbox.publish(now);
            lastReported = now;
            lastReportedAt = clock.instant();
        }
    }

    private static boolean sameContent(EnvironmentStatus a, EnvironmentStatus b) {
        return Objects.equals(a.kubernetesVersion(), b.kubernetesVersion())
                && Objects.equals(a.kubernetesDistribution(), b.kubernetesDistribution())
                && Objects.equals(a.nodeCount(), b.nodeCount()) && Objects.equals(a.capacity(), b.capacity())
                && Objects.equals(a.storageClasses(), b.storageClasses())
                && Objects.equals(a.volumeSnapshotClasses(), b.volumeSnapshotClasses())
                && Objects.equals(a.components(), b.components())
                && Objects.equals(a.prerequisites(), b.prerequisites());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
