package io.qdranthybrid.protocol.message;

import java.util.List;

/**
 * A batch of telemetry.
 *
 * @param droppedItems telemetry items and statuses the agent had to give up since the previous batch (buffer full
 *                     while disconnected, unacknowledged beyond the in-flight limit, too large for a frame)
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
