package io.qdranthybrid.harness.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.platform.sink.InMemoryStatusSink;
import io.qdranthybrid.platform.sink.ResourceRejection;
import io.qdranthybrid.platform.sink.StatusSink;
import io.qdranthybrid.protocol.message.ResourceStatus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Keeps what agents report (in an {@link InMemoryStatusSink}) and turns each report into a {@link ControlPlaneEvent},
 * so the console and test timelines see statuses as they arrive.
 */
final class ReportingStatusSink implements StatusSink {

    private final InMemoryStatusSink store = new InMemoryStatusSink();
    private final ControlPlaneEvents events;
    private final List<BiConsumer<String, ResourceStatus>> observers = new CopyOnWriteArrayList<>();

    ReportingStatusSink(ControlPlaneEvents events) {
        this.events = events;
    }

    InMemoryStatusSink store() {
        return store;
    }

    /** Called after each stored status, on the agent session's thread. */
    void addObserver(BiConsumer<String, ResourceStatus> observer) {
        observers.add(observer);
    }

    @Override
    public void resourceStatus(String environmentId, ResourceStatus status) {
        store.resourceStatus(environmentId, status);
        String name = status.key().name();
        JsonNode body = status.status();
        switch (status.key().kind()) {
            case CLUSTER -> events.publish(ControlPlaneEvent.Type.CLUSTER_STATUS, environmentId,
                    ClusterManifests.clusterIdOf(name), describe(body));
            case SNAPSHOT -> events.publish(ControlPlaneEvent.Type.BACKUP_STATUS, environmentId, name, describe(body));
            case SCHEDULE -> events.publish(ControlPlaneEvent.Type.SCHEDULE_STATUS, environmentId, name, describe(body));
            case RESTORE -> events.publish(ControlPlaneEvent.Type.RESTORE_STATUS, environmentId, name, describe(body));
            default -> {
                // Entities and component releases show through the environment status.
            }
        }
        observers.forEach(observer -> observer.accept(environmentId, status));
    }

    @Override
    public void resourceRejected(String environmentId, ResourceRejection rejection) {
        store.resourceRejected(environmentId, rejection);
        events.publish(ControlPlaneEvent.Type.RESOURCE_REJECTED, environmentId, rejection.key().name(),
                rejection.reason() + " " + rejection.message());
    }

    @Override
    public void desiredStateApplied(String environmentId, long revision) {
        store.desiredStateApplied(environmentId, revision);
    }

    private static String describe(JsonNode status) {
        if (status.path("deleted").asBoolean(false)) {
            return "deleted";
        }
        String phase = status.path("phase").asText("");
        return phase.isEmpty() ? "no phase yet" : phase;
    }
}
