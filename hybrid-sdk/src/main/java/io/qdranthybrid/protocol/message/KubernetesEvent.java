package io.qdranthybrid.protocol.message;

import java.time.Instant;

/** A Kubernetes event about an object in the environment (e.g. a pod that cannot be scheduled). */
public record KubernetesEvent(String namespace, String involvedKind, String involvedName, String type,
                              String reason, String message, int count, Instant at) implements TelemetryItem {

    public KubernetesEvent {
        namespace = Require.orEmpty(namespace);
        Require.nonBlank(involvedKind, "involvedKind");
        Require.nonBlank(involvedName, "involvedName");
        type = Require.orEmpty(type);
        reason = Require.orEmpty(reason);
        message = Require.orEmpty(message);
        Require.positive(count, "count");
        Require.present(at, "at");
    }
}
