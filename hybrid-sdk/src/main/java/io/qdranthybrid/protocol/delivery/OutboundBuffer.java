package io.qdranthybrid.protocol.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.EnvironmentStatus;
import io.qdranthybrid.protocol.message.KubernetesEvent;
import io.qdranthybrid.protocol.message.MetricSample;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceStatus;
import io.qdranthybrid.protocol.message.Telemetry;
import io.qdranthybrid.protocol.message.TelemetryItem;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Agent messages waiting to be sent, and those sent but not yet acknowledged by the control plane.
 * <ul>
 *   <li>Resource statuses coalesce per {@link ResourceKey}: the latest replaces older ones and is never dropped.</li>
 *   <li>The environment status coalesces to the latest.</li>
 *   <li>Telemetry items sit in a bounded queue; when full the oldest is dropped and counted, and the count travels in
 *       the next {@link Telemetry} message.</li>
 *   <li>Nothing is lost silently: a message given up while unacknowledged (beyond {@value #MAX_IN_FLIGHT} in flight)
 *       or too large for any frame counts as dropped too (a status counts one, a telemetry batch its items).</li>
 * </ul>
 * {@link #drain()} yields, in order: the environment status, resource statuses (oldest key first), telemetry batches.
 * Drained envelopes stay in flight until {@link #acknowledge acknowledged}; {@link #requeueUnacknowledged()} puts
 * them back after a lost connection unless something newer replaced them. Thread-safe.
 */
public final class OutboundBuffer {

    /** Unacknowledged envelopes beyond this many are given up (and counted), so a peer that never acks cannot grow us. */
    static final int MAX_IN_FLIGHT = 10_000;
    /** Marks a status that replaced one too large to send. */
    public static final String TRUNCATED_FIELD = "truncated";

    private final int telemetryCapacity;
    private final int telemetryBatchSize;
    private final Clock clock;

    private EnvironmentStatus environmentStatus;
    private final Map<ResourceKey, ResourceStatus> statuses = new LinkedHashMap<>();
    private final Deque<TelemetryItem> telemetry = new ArrayDeque<>();
    private long droppedSinceLastReport;
    private long droppedTotal;
    private final Map<String, AgentMessage> inFlight = new LinkedHashMap<>();

    public OutboundBuffer(int telemetryCapacity, int telemetryBatchSize, Clock clock) {
        if (telemetryCapacity < 1 || telemetryBatchSize < 1) {
            throw new IllegalArgumentException("telemetryCapacity and telemetryBatchSize must be >= 1 but were "
                    + telemetryCapacity + " and " + telemetryBatchSize);
        }
        this.telemetryCapacity = telemetryCapacity;
        this.telemetryBatchSize = telemetryBatchSize;
        this.clock = clock;
    }

    public synchronized void add(ResourceStatus status) {
        statuses.remove(status.key());
        statuses.put(status.key(), status);
    }

    public synchronized void add(EnvironmentStatus status) {
        environmentStatus = status;
    }

    public synchronized void add(TelemetryItem item) {
        if (telemetry.size() >= telemetryCapacity) {
            telemetry.pollFirst();
            countDropped(1);
        }
        telemetry.addLast(item);
    }

    /** Takes everything pending, wrapped in envelopes, in send order; they stay in flight until acknowledged. */
    public synchronized List<Envelope<AgentMessage>> drain() {
        return drain(Integer.MAX_VALUE);
    }

    /** At most {@code max} envelopes, in {@link #drain()}'s order; the rest wait for a later call. */
    public synchronized List<Envelope<AgentMessage>> drain(int max) {
        List<AgentMessage> messages = new ArrayList<>();
        if (environmentStatus != null && messages.size() < max) {
            messages.add(environmentStatus);
            environmentStatus = null;
        }
        Iterator<ResourceStatus> oldestFirst = statuses.values().iterator();
        while (oldestFirst.hasNext() && messages.size() < max) {
            messages.add(oldestFirst.next());
            oldestFirst.remove();
        }
        boolean first = true;
        while (messages.size() < max && (!telemetry.isEmpty() || (first && droppedSinceLastReport > 0))) {
            messages.add(nextTelemetryBatch(first ? droppedSinceLastReport : 0));
            if (first) {
                droppedSinceLastReport = 0;
            }
            first = false;
        }
        List<Envelope<AgentMessage>> envelopes = new ArrayList<>(messages.size());
        for (AgentMessage message : messages) {
            Envelope<AgentMessage> envelope = Envelope.wrap(message, clock);
            inFlight.put(envelope.id(), message);
            envelopes.add(envelope);
        }
        while (inFlight.size() > MAX_IN_FLIGHT) {
            String oldest = inFlight.keySet().iterator().next();
            countDropped(itemsIn(inFlight.remove(oldest)));
        }
        return envelopes;
    }

    /**
     * Splits an in-flight telemetry batch that turned out too large to send into two halves (the drop count rides
     * with the first), which replace it in flight. Empty when it cannot be split: not telemetry, or a single item.
     */
    public synchronized List<Envelope<AgentMessage>> splitOversized(Envelope<AgentMessage> envelope) {
        if (!(envelope.message() instanceof Telemetry batch) || batch.metrics().size() + batch.events().size() < 2) {
            return List.of();
        }
        List<TelemetryItem> items = new ArrayList<>(batch.metrics());
        items.addAll(batch.events());
        int half = items.size() / 2;
        List<Envelope<AgentMessage>> halves = List.of(
                Envelope.wrap(telemetryOf(items.subList(0, half), batch.droppedItems()), clock),
                Envelope.wrap(telemetryOf(items.subList(half, items.size()), 0), clock));
        inFlight.remove(envelope.id());
        halves.forEach(h -> inFlight.put(h.id(), h.message()));
        return halves;
    }

    /**
     * Gives up on an in-flight envelope too large for a frame that {@link #splitOversized} cannot split, counting the
     * loss. A resource status is replaced by a small one marked {@value #TRUNCATED_FIELD} that keeps its phase and
     * says why, so the control plane still learns that the resource changed; the replacement is in flight instead.
     *
     * @return the replacement to send, empty if there is none (or the envelope was already a replacement)
     */
    public synchronized Optional<Envelope<AgentMessage>> giveUpOversized(Envelope<AgentMessage> envelope, String why) {
        if (inFlight.remove(envelope.id()) == null) {
            return Optional.empty();
        }
        AgentMessage message = envelope.message();
        if (message instanceof ResourceStatus status && status.status().has(TRUNCATED_FIELD)) {
            return Optional.empty();
        }
        countDropped(itemsIn(message));
        if (!(message instanceof ResourceStatus status)) {
            return Optional.empty();
        }
        ObjectNode marker = JsonNodeFactory.instance.objectNode().put(TRUNCATED_FIELD, true).put("message", why);
        JsonNode phase = status.status().get("phase");
        if (phase != null && phase.isTextual()) {
            marker.put("phase", phase.asText());
        }
        Envelope<AgentMessage> replacement = Envelope.wrap(
                new ResourceStatus(status.key(), status.observedRevision(), marker, status.observedAt()), clock);
        inFlight.put(replacement.id(), replacement.message());
        return Optional.of(replacement);
    }

    /** The control plane confirmed the envelope {@code ref}; it will not be resent. */
    public synchronized boolean acknowledge(String ref) {
        return inFlight.remove(ref) != null;
    }

    /**
     * After a lost connection, or a control plane that refused what we sent as over its rate: puts unacknowledged
     * messages back. A status is only restored if no newer status for
     * the same resource arrived meanwhile; telemetry goes back in front, still within the capacity.
     */
    public synchronized void requeueUnacknowledged() {
        List<TelemetryItem> telemetryBack = new ArrayList<>();
        for (AgentMessage message : inFlight.values()) {
            if (message instanceof ResourceStatus status) {
                statuses.putIfAbsent(status.key(), status);
            } else if (message instanceof EnvironmentStatus environment) {
                if (environmentStatus == null) {
                    environmentStatus = environment;
                }
            } else if (message instanceof Telemetry batch) {
                telemetryBack.addAll(batch.metrics());
                telemetryBack.addAll(batch.events());
                droppedSinceLastReport += batch.droppedItems();
            }
        }
        inFlight.clear();
        for (int i = telemetryBack.size() - 1; i >= 0; i--) {
            if (telemetry.size() >= telemetryCapacity) {
                // The requeued items are older than anything queued, so they are the ones to lose.
                countDropped(i + 1);
                break;
            }
            telemetry.addFirst(telemetryBack.get(i));
        }
    }

    /** Messages waiting to be drained (statuses and telemetry items). */
    public synchronized int pendingCount() {
        return (environmentStatus == null ? 0 : 1) + statuses.size() + telemetry.size();
    }

    public synchronized int inFlightCount() {
        return inFlight.size();
    }

    /** Telemetry items and statuses dropped since this buffer was created. */
    public synchronized long droppedTotal() {
        return droppedTotal;
    }

    private void countDropped(long items) {
        droppedSinceLastReport += items;
        droppedTotal += items;
    }

    private static long itemsIn(AgentMessage message) {
        return message instanceof Telemetry batch ? batch.metrics().size() + batch.events().size() : 1;
    }

    private Telemetry nextTelemetryBatch(long dropped) {
        List<TelemetryItem> items = new ArrayList<>();
        while (!telemetry.isEmpty() && items.size() < telemetryBatchSize) {
            items.add(telemetry.pollFirst());
        }
        return telemetryOf(items, dropped);
    }

    private static Telemetry telemetryOf(List<TelemetryItem> items, long dropped) {
        List<MetricSample> metrics = new ArrayList<>();
        List<KubernetesEvent> events = new ArrayList<>();
        for (TelemetryItem item : items) {
            if (item instanceof MetricSample sample) {
                metrics.add(sample);
            } else if (item instanceof KubernetesEvent event) {
                events.add(event);
            }
        }
        return new Telemetry(metrics, events, dropped);
    }
}
