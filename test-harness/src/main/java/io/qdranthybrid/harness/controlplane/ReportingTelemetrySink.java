package io.qdranthybrid.harness.controlplane;

import io.qdranthybrid.platform.sink.InMemoryTelemetrySink;
import io.qdranthybrid.platform.sink.TelemetrySink;
import io.qdranthybrid.protocol.message.KubernetesEvent;
import io.qdranthybrid.protocol.message.Telemetry;

/**
 * Keeps telemetry in an {@link InMemoryTelemetrySink} and announces each batch holding Kubernetes events, so a console
 * showing a cluster's events updates when one arrives. Metrics alone are not announced: they come every few seconds
 * and change nothing a page shows.
 */
final class ReportingTelemetrySink implements TelemetrySink {

    private final InMemoryTelemetrySink store;
    private final ControlPlaneEvents events;

    ReportingTelemetrySink(InMemoryTelemetrySink store, ControlPlaneEvents events) {
        this.store = store;
        this.events = events;
    }

    @Override
    public void telemetry(String environmentId, Telemetry batch) {
        store.telemetry(environmentId, batch);
        if (!batch.events().isEmpty()) {
            KubernetesEvent last = batch.events().get(batch.events().size() - 1);
            events.publish(ControlPlaneEvent.Type.KUBERNETES_EVENTS, environmentId, last.involvedName(),
                    batch.events().size() + " events, the last " + last.reason() + " on " + last.involvedKind());
        }
    }

    @Override
    public void environmentRemoved(String environmentId) {
        store.environmentRemoved(environmentId);
    }
}
