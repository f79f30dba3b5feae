package io.qdranthybrid.harness.controlplane;

import io.qdranthybrid.protocol.message.KubernetesEvent;

import java.time.Instant;

/**
 * A Kubernetes Event about one of a cluster's objects (the QdrantCluster, its pods, volumes, StatefulSet, services),
 * as the environment's agent forwarded it.
 *
 * @param type  {@code Normal} or {@code Warning}
 * @param count how often it happened (Kubernetes folds repeats into one event)
 * @param at    when it last happened
 */
public record EventView(Instant at, String type, String reason, String message, String involvedKind,
                        String involvedName, int count) {

    static EventView of(KubernetesEvent event) {
        return new EventView(event.at(), event.type(), event.reason(), event.message(), event.involvedKind(),
                event.involvedName(), event.count());
    }
}
