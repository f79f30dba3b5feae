package io.qdranthybrid.e2e;

import io.qdranthybrid.harness.controlplane.ControlPlaneEvent;
import io.qdranthybrid.harness.controlplane.ControlPlaneEvents;
import io.qdranthybrid.harness.stack.HybridEnvironment;

import java.util.ArrayList;
import java.util.List;

/**
 * The running version of one cluster as the control plane showed it after each status the agent reported: the
 * user's history of an upgrade. Read on every report, so no step the operator reported is missed.
 */
final class ReportedVersions implements AutoCloseable {

    private final HybridEnvironment env;
    private final String clusterId;
    private final List<String> versions = new ArrayList<>();
    private final ControlPlaneEvents.Subscription subscription;

    private ReportedVersions(HybridEnvironment env, String clusterId) {
        this.env = env;
        this.clusterId = clusterId;
        record();
        this.subscription = env.controlPlane().events().subscribe(this::onEvent);
    }

    static ReportedVersions of(HybridEnvironment env, String clusterId) {
        return new ReportedVersions(env, clusterId);
    }

    private void onEvent(ControlPlaneEvent event) {
        if (event.type() == ControlPlaneEvent.Type.CLUSTER_STATUS && event.environmentId().equals(env.id())
                && event.subject().equals(clusterId)) {
            record();
        }
    }

    /** Reads the view only (no change): safe on the agent session's thread that publishes the event. */
    private void record() {
        String running = env.controlPlane().clusters().get(env.id(), clusterId).runningVersion();
        synchronized (this) {
            if (running.isEmpty() || (!versions.isEmpty() && versions.get(versions.size() - 1).equals(running))) {
                return;
            }
            versions.add(running);
        }
        env.timeline().mark("control plane shows " + clusterId + " running " + running);
    }

    /** Each running version shown, in order, without repeats. */
    synchronized List<String> versions() {
        return List.copyOf(versions);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
