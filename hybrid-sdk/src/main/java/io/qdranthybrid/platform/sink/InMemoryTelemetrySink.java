package io.qdranthybrid.platform.sink;

import io.qdranthybrid.protocol.message.KubernetesEvent;
import io.qdranthybrid.protocol.message.MetricSample;
import io.qdranthybrid.protocol.message.Telemetry;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The most recent metrics and events per environment, bounded: the oldest are evicted and counted. Also sums what the
 * agents reported dropping, so a user can tell "quiet" from "lossy". Thread-safe.
 */
public final class InMemoryTelemetrySink implements TelemetrySink {

    private final int capacityPerEnvironment;
    private final Map<String, Recent> environments = new ConcurrentHashMap<>();

    public InMemoryTelemetrySink(int capacityPerEnvironment) {
        if (capacityPerEnvironment < 1) {
            throw new IllegalArgumentException("capacityPerEnvironment must be >= 1 but was " + capacityPerEnvironment);
        }
        this.capacityPerEnvironment = capacityPerEnvironment;
    }

    public InMemoryTelemetrySink() {
        this(10_000);
    }

    @Override
    public void telemetry(String environmentId, Telemetry batch) {
        environments.computeIfAbsent(environmentId, id -> new Recent()).add(batch, capacityPerEnvironment);
    }

    @Override
    public void environmentRemoved(String environmentId) {
        environments.remove(environmentId);
    }

    public List<MetricSample> recentMetrics(String environmentId) {
        Recent recent = environments.get(environmentId);
        return recent == null ? List.of() : recent.metrics();
    }

    public List<KubernetesEvent> recentEvents(String environmentId) {
        Recent recent = environments.get(environmentId);
        return recent == null ? List.of() : recent.events();
    }

    /** Items the environment's agent reported it had to drop before sending. */
    public long droppedByAgent(String environmentId) {
        Recent recent = environments.get(environmentId);
        return recent == null ? 0 : recent.droppedByAgent();
    }

    /** Items this sink evicted to stay within its capacity. */
    public long evicted(String environmentId) {
        Recent recent = environments.get(environmentId);
        return recent == null ? 0 : recent.evicted();
    }

    private static final class Recent {
        private final Deque<MetricSample> metrics = new ArrayDeque<>();
        private final Deque<KubernetesEvent> events = new ArrayDeque<>();
        private long droppedByAgent;
        private long evicted;

        synchronized void add(Telemetry batch, int capacity) {
            droppedByAgent += batch.droppedItems();
            for (MetricSample metric : batch.metrics()) {
                metrics.addLast(metric);
            }
            for (KubernetesEvent event : batch.events()) {
                events.addLast(event);
            }
            while (metrics.size() + events.size() > capacity) {
                // Evict from the larger queue so a burst of metrics cannot wipe out the rarer, more telling events.
                if (metrics.size() >= events.size()) {
                    metrics.removeFirst();
                } else {
                    events.removeFirst();
                }
                evicted++;
            }
        }

        synchronized List<MetricSample> metrics() {
            return List.copyOf(metrics);
        }

        synchronized List<KubernetesEvent> events() {
            return List.copyOf(events);
        }

        synchronized long droppedByAgent() {
            return droppedByAgent;
        }

        synchronized long evicted() {
            return evicted;
        }
    }
}
