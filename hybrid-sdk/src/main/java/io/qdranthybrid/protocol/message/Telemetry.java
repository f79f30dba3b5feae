package io.qdranthybrid.protocol.message;

import java.util.List;

/**
 * A batch of telemetry.
 *
 * @param droppedItems items the agent had to drop (buffer full while disconnected) since the previous batch
 */
public record Telemetry(List<MetricSample> metrics, List<KubernetesEvent> events, long droppedItems)
        implements AgentMessage {

    public Telemetry {
        metrics = Require.listOf(metrics, "metrics");
        events = Require.listOf(events, "events");
        Require.nonNegative(droppedItems, "droppedItems");
    }

    @Override
    public MessageType type() {
        return MessageType.TELEMETRY;
    }
}
