package io.qdranthybrid.protocol.message;

/** One unit of telemetry the agent buffers and batches into {@link Telemetry} messages. */
public sealed interface TelemetryItem permits MetricSample, KubernetesEvent {
}
