package io.qdranthybrid.protocol.client;

import io.qdranthybrid.protocol.message.MessageType;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.Refused;
import io.qdranthybrid.protocol.message.Welcome;

import java.time.Duration;

/**
 * Observes the connection for metrics and health probes. Called on the connection's session thread: return quickly,
 * never block. Exceptions are logged and ignored.
 */
public interface ConnectionListener {

    ConnectionListener NONE = new ConnectionListener() {
    };

    /** The handshake succeeded; {@code reconnect} is false only for the first session of this connection. */
    default void connected(Welcome welcome, boolean reconnect) {
    }

    /** An established session ended. */
    default void disconnected(String reason) {
    }

    /** An attempt failed before a session was established (DNS, TCP, TLS, proxy, handshake timeout). */
    default void connectFailed(Throwable cause) {
    }

    default void refused(Refused refused, Duration retryIn) {
    }

    default void reconnectScheduled(Duration delay, int attempt) {
    }

    default void messageReceived(MessageType type) {
    }

    default void messageSent(MessageType type) {
    }

    /** A message type from a newer control plane, ignored for forward compatibility. */
    default void unknownMessageIgnored(String type) {
    }

    /** An inbound frame we Nacked as MALFORMED or TOO_LARGE. */
    default void inboundRejected(NackReason reason, String detail) {
    }

    /** Pending outbound messages and telemetry items dropped so far. */
    default void bufferChanged(int buffered, long droppedTotal) {
    }
}
