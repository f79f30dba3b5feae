package io.qdranthybrid.agent;

import io.qdranthybrid.agent.doctor.ControlPlaneReachabilityCheck;
import io.qdranthybrid.protocol.message.PrerequisiteCheck;
import io.qdranthybrid.protocol.message.PrerequisiteVerdict;
import io.qdranthybrid.threads.SdkThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs the prerequisites check when the agent starts, on its own thread (probing the control plane may take seconds
 * and must not hold up the agent), logs what is not a pass and keeps the result for the environment status. It runs
 * again after a reconnection, and after the first connection when the start-time check could not reach the control
 * plane: a failure the agent has since overcome must not stay in the environment's status.
 */
final class StartupPrerequisites {

    private static final Logger LOG = LoggerFactory.getLogger(StartupPrerequisites.class);

    private final Supplier<List<PrerequisiteCheck>> doctor;
    private final Runnable onDone;
    private volatile List<PrerequisiteCheck> checks = List.of();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean connectedDuringRun = new AtomicBoolean();

    StartupPrerequisites(Supplier<List<PrerequisiteCheck>> doctor, Runnable onDone) {
        this.doctor = doctor;
        this.onDone = onDone;
    }

    void start() {
        if (!running.compareAndSet(false, true)) {
            again.set(true); // the world changed while a run was reading it: look once more when it is done
            return;
        }
        connectedDuringRun.set(false);
        SdkThreads.named("qdrant-agent-prerequisites").newThread(this::run).start();
    }

    /** Called when a session is established; {@code reconnect} is false for the connection's first. */
    void connected(boolean reconnect) {
        connectedDuringRun.set(true);
        if (reconnect || reachabilityFailed(checks)) {
            start();
        }
    }

    private static boolean reachabilityFailed(List<PrerequisiteCheck> result) {
        return result.stream().anyMatch(c -> c.name().equals(ControlPlaneReachabilityCheck.NAME)
                && c.verdict() != PrerequisiteVerdict.PASS);
    }

    /** Empty until the check has run. */
    List<PrerequisiteCheck> current() {
        return checks;
    }

    private void run() {
        try {
            List<PrerequisiteCheck> result = doctor.get();
            if (!result.equals(checks)) { // a re-run that found the same says nothing new
                result.stream().filter(c -> c.verdict() != PrerequisiteVerdict.PASS).forEach(c -> LOG.warn(
                        "Prerequisite {}: {}: {}; {}", c.verdict(), c.name(), c.found(), c.advice()));
                LOG.info("Prerequisites checked: {} of {} pass", result.stream()
                        .filter(c -> c.verdict() == PrerequisiteVerdict.PASS).count(), result.size());
            }
            checks = result;
            onDone.run();
            // The agent connected while the probe could not: the probe's verdict is already stale.
            if (reachabilityFailed(result) && connectedDuringRun.get()) {
                again.set(true);
            }
        } catch (RuntimeException e) {
            // The check only informs; the agent works on without it.
            LOG.warn("The prerequisites check could not run: {}", e.toString());
        } finally {
            running.set(false);
        }
        if (again.getAndSet(false)) {
            start();
        }
    }
}
