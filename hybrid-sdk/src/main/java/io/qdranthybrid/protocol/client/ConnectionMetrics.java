package io.qdranthybrid.protocol.client;

/** A snapshot of connection counters since the connection was created. */
public record ConnectionMetrics(long sessions, long reconnects, long failedAttempts, long messagesIn,
                                long messagesOut, long unknownTypesIgnored, long inboundRejected, int buffered,
                                int inFlight, long dropped) {
}
