package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Records core/v1 Events on objects. A repeat of the same type, reason and message on the same object increments
 * the count of the existing Event instead of creating another (its name is derived from those fields, so this holds
 * across restarts too). Callers emit on transitions only, never in steady state. Failures are logged, not thrown:
 * an Event is a courtesy to the user and must not fail a reconcile.
 */
public final class EventRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    private static final int MAX_MESSAGE_LENGTH = 1024;
    private static final int MAX_NAME_PREFIX = 200;

    private final KubernetesClient client;
    private final String component;
    private final Clock clock;

    /** {@code component} names the reporter, e.g. "qdrant-operator". */
    public EventRecorder(KubernetesClient client, String component, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.component = Objects.requireNonNull(component, "component");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void normal(HasMetadata involved, String reason, String message) {
        record(involved, EventType.Normal, reason, message);
    }

    public void warning(HasMetadata involved, String reason, String message) {
        record(involved, EventType.Warning, reason, message);
    }

    /** Creates the Event, or bumps count and lastTimestamp of the identical one already recorded. */
    public void record(HasMetadata involved, EventType type, String reason, String message) {
        String namespace = involved.getMetadata().getNamespace() == null ? "default" : involved.getMetadata().getNamespace();
        String text = message.length() > MAX_MESSAGE_LENGTH ? message.substring(0, MAX_MESSAGE_LENGTH) : message;
        String name = eventName(involved, type, reason, text);
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        try {
            var events = client.v1().events().inNamespace(namespace);
            try {
                // Most events are new: create at once and read only when the identical event already exists.
                events.resource(newEvent(involved, namespace, name, type, reason, text, now)).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                Event existing = events.withName(name).get();
                if (existing != null) {
                    int count = existing.getCount() == null ? 1 : existing.getCount();
                    existing.setCount(count + 1);
                    existing.setLastTimestamp(now);
                    events.resource(existing).update();
                }
            }
        } catch (KubernetesClientException e) {
            LOG.warn("Could not record {} event {} on {} {}: {}", type, reason, involved.getKind(),
                    ResourceApplier.describe(involved), e.getMessage());
        }
    }

    private Event newEvent(HasMetadata involved, String namespace, String name, EventType type, String reason,
                           String message, String now) {
        return new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(involved.getApiVersion())
                        .withKind(involved.getKind())
                        .withName(involved.getMetadata().getName())
                        .withNamespace(involved.getMetadata().getNamespace())
                        .withUid(involved.getMetadata().getUid())
                        .build())
                .withType(type.name())
                .withReason(reason)
                .withMessage(message)
                .withCount(1)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withNewSource().withComponent(component).endSource()
                .withReportingComponent(component)
                .build();
    }

    static String eventName(HasMetadata involved, EventType type, String reason, String message) {
        String name = involved.getMetadata().getName();
        String prefix = name.length() > MAX_NAME_PREFIX ? name.substring(0, MAX_NAME_PREFIX) : name;
        String identity = String.join("\u0000", involved.getKind(), String.valueOf(involved.getMetadata().getUid()),
                name, type.name(), reason, message);
        return prefix + "." + HexFormat.of().formatHex(sha256(identity), 0, 8);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
