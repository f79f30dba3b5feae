package io.qdranthybrid.harness.controlplane;

/**
 * A backup schedule (QdrantClusterScheduledSnapshot).
 *
 * @param schedule cron in UTC, a macro like {@code @daily}, or {@code @every 6h}
 * @param phase    {@code Active} or {@code Disabled} as reported; empty until reported
 * @param message  the operator's explanation, e.g. why it is disabled or when it runs next
 */
public record ScheduleView(String name, String environmentId, String clusterId, String schedule, String retention,
                           String phase, String message) {
}
