package io.qdranthybrid.harness.timeline;

import io.qdranthybrid.harness.controlplane.ControlPlaneEvent;
import io.qdranthybrid.harness.controlplane.ControlPlaneEvents;
import io.qdranthybrid.harness.controlplane.EnvironmentView;
import io.qdranthybrid.harness.controlplane.NotFoundException;
import io.qdranthybrid.harness.controlplane.SimulatedControlPlane;
import io.qdranthybrid.protocol.message.ComponentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes one environment's life in the control plane to a timeline: its change events (and the control-plane-wide
 * outages) at the times the control plane gives them, status reports only when they say something new, and the
 * environment as a user sees it — its rolled-up phase and each component's phase, when they change. The phase is
 * read on a thread of its own after each event, never on the publisher's, and once a second besides, since silence
 * alone also changes it. Events published before the recorder started (the environment's creation) are replayed.
 */
public final class ControlPlaneRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneRecorder.class);

    private final SimulatedControlPlane controlPlane;
    private final String environmentId;
    private final Timeline timeline;
    private final ScheduledExecutorService reader;
    private final Map<String, String> componentPhases = new HashMap<>();
    /** Guarded by this: sequences already recorded, and the last detail of each status stream. */
    private final Set<Long> recorded = new HashSet<>();
    private final Map<String, String> lastStatus = new HashMap<>();
    private String phase = "";
    private ControlPlaneEvents.Subscription subscription;

    private ControlPlaneRecorder(SimulatedControlPlane controlPlane, String environmentId, Timeline timeline) {
        this.controlPlane = controlPlane;
        this.environmentId = environmentId;
        this.timeline = timeline;
        this.reader = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "timeline-environment-" + environmentId);
            thread.setDaemon(true);
            return thread;
        });
    }

    public static ControlPlaneRecorder start(SimulatedControlPlane controlPlane, String environmentId,
                                             Timeline timeline) {
        ControlPlaneRecorder recorder = new ControlPlaneRecorder(controlPlane, environmentId, timeline);
        recorder.subscription = controlPlane.events().subscribe(recorder::onEvent);
        // Only this environment's own past: a shared control plane's earlier outages belong to earlier tests.
        controlPlane.events().history().stream().filter(e -> e.environmentId().equals(environmentId))
                .forEach(recorder::onEvent);
        recorder.reader.scheduleWithFixedDelay(recorder::readEnvironment, 0, 1, TimeUnit.SECONDS);
        return recorder;
    }

    private void onEvent(ControlPlaneEvent event) {
        if (!event.environmentId().isEmpty() && !event.environmentId().equals(environmentId)) {
            return;
        }
        String subject = event.subject().isEmpty() ? environmentId : event.subject();
        String type = event.type().name().toLowerCase(Locale.ROOT).replace('_', '-');
        synchronized (this) {
            if (!recorded.add(event.sequence())) {
                return;
            }
            // An agent repeats a status on every report; the timeline keeps the changes.
            if (type.endsWith("-status") && event.detail().equals(lastStatus.put(type + " " + subject,
                    event.detail()))) {
                return;
            }
            timeline.record(event.at(), TimelineSource.CONTROL_PLANE, subject, type, event.detail());
        }
        try {
            reader.execute(this::readEnvironment);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    /** Runs on the reader thread only, so the last-seen values need no lock. */
    private void readEnvironment() {
        EnvironmentView view;
        try {
            view = controlPlane.environments().get(environmentId);
        } catch (NotFoundException e) {
            return;
        } catch (RuntimeException e) {
            LOG.debug("Reading environment {} for the timeline failed: {}", environmentId, e.toString());
            return;
        }
        String now = view.phase().name();
        if (!now.equals(phase)) {
            phase = now;
            timeline.record(TimelineSource.ENVIRONMENT, environmentId, "phase", now);
        }
        for (ComponentStatus component : view.components()) {
            String componentPhase = component.phase().name();
            if (!componentPhase.equals(componentPhases.put(component.name(), componentPhase))) {
                timeline.record(TimelineSource.ENVIRONMENT, component.name(), "component", componentPhase);
            }
        }
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        reader.shutdownNow();
        try {
            reader.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
