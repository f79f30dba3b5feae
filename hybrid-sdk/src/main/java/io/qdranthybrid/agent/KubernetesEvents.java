package io.qdranthybrid.agent;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.qdranthybrid.protocol.message.KubernetesEvent;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** A core/v1 Event as protocol telemetry. */
public final class KubernetesEvents {

    private KubernetesEvents() {
    }

    /** Empty for an event that names no object (nothing the control plane could attach it to). */
    public static Optional<KubernetesEvent> of(Event event, Instant fallbackTime) {
        ObjectReference involved = event.getInvolvedObject();
        if (involved == null || blank(involved.getKind()) || blank(involved.getName())) {
            return Optional.empty();
        }
        int count = event.getCount() == null || event.getCount() < 1 ? 1 : event.getCount();
        return Optional.of(new KubernetesEvent(event.getMetadata().getNamespace(), involved.getKind(),
                involved.getName(), event.getType(), event.getReason(), event.getMessage(), count,
                lastSeen(event).orElse(fallbackTime)));
    }

    /** When the event last happened: lastTimestamp, else eventTime, else firstTimestamp, else creation. */
    public static Optional<Instant> lastSeen(Event event) {
        for (String candidate : new String[] {event.getLastTimestamp(),
                event.getEventTime() == null ? null : event.getEventTime().getTime(), event.getFirstTimestamp(),
                event.getMetadata().getCreationTimestamp()}) {
            if (!blank(candidate)) {
                try {
                    return Optional.of(Instant.parse(candidate));
                } catch (DateTimeParseException e) {
                    // Some clients write MicroTime with a zone offset Instant cannot parse; try the next field.
                }
            }
        }
        return Optional.empty();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
