package io.qdranthybrid.agent;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Forwards Kubernetes Events of the agent's namespace as telemetry: new events, and repeats of one (its count rose).
 * Events that last happened before this agent started were forwarded by its predecessor and are skipped.
 */
final class EventReporter implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final AgentOutbox outbox;
    private final Clock clock;
    private final Instant startedAt;
    private SharedIndexInformer<Event> informer;

    EventReporter(KubernetesClient client, String namespace, AgentOutbox outbox, Clock clock) {
        this.client = client;
        this.namespace = namespace;
        this.outbox = outbox;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    CompletableFuture<Void> start() {
        informer = client.v1().events().inNamespace(namespace).withLimit(ResourceStatusReporter.LIST_PAGE)
                .runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Event event) {
                if (KubernetesEvents.lastSeen(event).map(at -> !at.isBefore(startedAt.minusSeconds(1))).orElse(true)) {
                    forward(event);
                }
            }

            @Override
            public void onUpdate(Event before, Event after) {
                if (!Objects.equals(before.getCount(), after.getCount())
                        || !Objects.equals(before.getLastTimestamp(), after.getLastTimestamp())) {
                    forward(after);
                }
            }

            @Override
            public void onDelete(Event event, boolean finalStateUnknown) {
                // Events expire after an hour; their disappearance is not news.
            }
        });
        return informer.start().toCompletableFuture().thenApply(ignored -> null);
    }

    boolean hasSynced() {
        return informer != null && informer.hasSynced();
    }

    private void forward(Event event) {
        KubernetesEvents.of(event, clock.instant()).ifPresent(outbox::publish);
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.stop();
        }
    }
}
