package io.qdranthybrid.agent;

import io.qdranthybrid.protocol.message.EnvironmentStatus;
import io.qdranthybrid.protocol.message.ResourceStatus;
import io.qdranthybrid.protocol.message.TelemetryItem;

/** Where the reporters hand what they observe; the agent's connection buffers, coalesces and sends it. */
public interface AgentOutbox {

    void publish(ResourceStatus status);

    void publish(EnvironmentStatus status);

    void publish(TelemetryItem item);
}
