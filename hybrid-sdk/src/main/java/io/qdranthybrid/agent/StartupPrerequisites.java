package io.qdranthybrid.agent;

import io.qdranthybrid.protocol.message.PrerequisiteCheck;
import io.qdranthybrid.protocol.message.PrerequisiteVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the prerequisites check once when the agent starts, on its own thread (probing the control plane may take
 * seconds and must not hold up the agent), logs what is not a pass and keeps the result for the environment status.
 */
final class StartupPrerequisites {

    private static final Logger LOG = LoggerFactory.getLogger(StartupPrerequisites.class);

    private final Supplier<List<PrerequisiteCheck>> doctor;
    private final Runnable onDone;
    private volatile List<PrerequisiteCheck> checks = List.of();

    StartupPrerequisites(Supplier<List<PrerequisiteCheck>> doctor, Runnable onDone) {
        this.doctor = doctor;
        this.onDone = onDone;
    }

    void start() {
        Thread thread = new Thread(this::run, "qdrant-agent-prerequisites");
        thread.setDaemon(true);
        thread.start();
    }

    /** Empty until the check has run. */
    List<PrerequisiteCheck> current() {
        return checks;
    }

    private void run() {
        try {
            List<PrerequisiteCheck> result = doctor.get();
            result.stream().filter(c -> c.verdict() != PrerequisiteVerdict.PASS).forEach(c -> LOG.warn(
                    "Prerequisite {}: {}: {}; {}", c.verdict(), c.name(), c.found(), c.advice()));
            LOG.info("Prerequisites checked: {} of {} pass", result.stream()
                    .filter(c -> c.verdict() == PrerequisiteVerdict.PASS).count(), result.size());
            checks = result;
            onDone.run();
        } catch (RuntimeException e) {
            // The check only informs; the agent works on without it.
            LOG.warn("The prerequisites check could not run: {}", e.toString());
        }
    }
}
