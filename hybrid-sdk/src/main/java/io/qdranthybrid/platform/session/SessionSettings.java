package io.qdranthybrid.platform.session;

import io.qdranthybrid.protocol.codec.MessageCodec;
import io.qdranthybrid.protocol.message.ProtocolVersions;

import java.time.Duration;
import java.util.Set;

/**
 * Terms the control plane offers every agent session.
 *
 * @param heartbeatInterval     told to the agent in the Welcome; we also send a heartbeat when idle this long
 * @param heartbeatTimeout      a session silent this long is closed
 * @param handshakeTimeout      a connection that sends no Hello within this is closed
 * @param redeliveryInterval    an unacknowledged desired state or command is sent again after this
 * @param maxMessageBytes       the frame size limit both ways
 * @param supportedVersions     protocol versions this control plane speaks
 * @param contactRecordInterval how often, at most, a session writes "agent seen" to the registry; keeps heartbeats
 *                              from turning into a registry write each
 */
public record SessionSettings(Duration heartbeatInterval, Duration heartbeatTimeout, Duration handshakeTimeout,
                              Duration redeliveryInterval, int maxMessageBytes, Set<Integer> supportedVersions,
                              Duration contactRecordInterval) {

    public static final SessionSettings DEFAULT = new SessionSettings(Duration.ofSeconds(15), Duration.ofSeconds(45),
            Duration.ofSeconds(30), Duration.ofSeconds(30), MessageCodec.DEFAULT_MAX_MESSAGE_BYTES,
            Set.copyOf(ProtocolVersions.SUPPORTED), Duration.ofSeconds(30));

    public SessionSettings {
        requirePositive(heartbeatInterval, "heartbeatInterval");
        requirePositive(heartbeatTimeout, "heartbeatTimeout");
        requirePositive(handshakeTimeout, "handshakeTimeout");
        requirePositive(redeliveryInterval, "redeliveryInterval");
        requirePositive(contactRecordInterval, "contactRecordInterval");
        if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("heartbeatTimeout " + heartbeatTimeout + " must exceed heartbeatInterval "
                    + heartbeatInterval);
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024 but was " + maxMessageBytes);
        }
        supportedVersions = Set.copyOf(supportedVersions);
        if (supportedVersions.isEmpty()) {
            throw new IllegalArgumentException("supportedVersions must not be empty");
        }
    }

    public SessionSettings withHeartbeat(Duration interval, Duration timeout) {
        return new SessionSettings(interval, timeout, handshakeTimeout, redeliveryInterval, maxMessageBytes,
                supportedVersions, contactRecordInterval);
    }

    public SessionSettings withRedeliveryInterval(Duration interval) {
        return new SessionSettings(heartbeatInterval, heartbeatTimeout, handshakeTimeout, interval, maxMessageBytes,
                supportedVersions, contactRecordInterval);
    }

    public SessionSettings withSupportedVersions(Set<Integer> versions) {
        return new SessionSettings(heartbeatInterval, heartbeatTimeout, handshakeTimeout, redeliveryInterval,
                maxMessageBytes, versions, contactRecordInterval);
    }

    public SessionSettings withContactRecordInterval(Duration interval) {
        return new SessionSettings(heartbeatInterval, heartbeatTimeout, handshakeTimeout, redeliveryInterval,
                maxMessageBytes, supportedVersions, interval);
    }

    public SessionSettings withMaxMessageBytes(int bytes) {
        return new SessionSettings(heartbeatInterval, heartbeatTimeout, handshakeTimeout, redeliveryInterval, bytes,
                supportedVersions, contactRecordInterval);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration but was " + value);
        }
    }
}
