package io.qdranthybrid.agent.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.qdranthybrid.agent.CloudAgent;
import io.qdranthybrid.protocol.client.ConnectionMetrics;
import io.qdranthybrid.protocol.client.ConnectionState;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.function.ToDoubleFunction;

/** The agent's connection and apply figures as Prometheus metrics ({@code qdrant_agent_*}). */
@Singleton
final class AgentMetrics {

    private final MeterRegistry registry;
    private final Timer applyLatency;

    AgentMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.applyLatency = Timer.builder("qdrant_agent_apply_latency")
                .description("Time to apply one desired state to Kubernetes").publishPercentileHistogram()
                .register(registry);
    }

    void recordApply(Duration latency) {
        applyLatency.record(latency);
    }

    void bind(CloudAgent agent) {
        Gauge.builder("qdrant_agent_connected", agent, a -> a.connectionState() == ConnectionState.CONNECTED ? 1 : 0)
                .description("1 while a session with the control plane is established").register(registry);
        counter(agent, "qdrant_agent_reconnects", "Sessions established after the first", ConnectionMetrics::reconnects);
        counter(agent, "qdrant_agent_connect_failures", "Connection attempts that failed", ConnectionMetrics::failedAttempts);
        counter(agent, "qdrant_agent_messages_in", "Messages received from the control plane", ConnectionMetrics::messagesIn);
        counter(agent, "qdrant_agent_messages_out", "Messages sent to the control plane", ConnectionMetrics::messagesOut);
        counter(agent, "qdrant_agent_dropped_items",
                "Statuses and telemetry given up: buffer full, unacknowledged too long, or too large to send",
                ConnectionMetrics::dropped);
        Gauge.builder("qdrant_agent_buffered_items", agent, a -> a.connectionMetrics().buffered())
                .description("Statuses and telemetry waiting to be sent").register(registry);
        Gauge.builder("qdrant_agent_last_applied_revision", agent, CloudAgent::lastAppliedRevision)
                .description("Desired-state revision applied last").register(registry);
    }

    private void counter(CloudAgent agent, String name, String description, ToDoubleFunction<ConnectionMetrics> value) {
        FunctionCounter.builder(name, agent, a -> value.applyAsDouble(a.connectionMetrics())).description(description)
                .register(registry);
    }
}
