package io.qdranthybrid.platform.session;

import java.util.Optional;

/**
 * The one connection an {@link AgentSession} talks through: implement it over any WebSocket server (OkHttp,
 * Micronaut, Netty, Jetty...) or in memory. Both methods must not block for long; they are called with the session's
 * lock held.
 */
public interface SessionTransport {

    /** Queues one text frame; false if the connection can no longer send (the session then expects a close). */
    boolean send(String text);

    /** Starts the close handshake with a WebSocket close code and a short reason (at most 123 bytes). */
    void close(int code, String reason);

    /**
     * The peer's address (IP, no port), used to rate-limit failed handshakes per address; empty if unknown, and then
     * this connection's failures are not limited by address (the pending-handshake cap still holds).
     */
    default Optional<String> remoteAddress() {
        return Optional.empty();
    }
}
