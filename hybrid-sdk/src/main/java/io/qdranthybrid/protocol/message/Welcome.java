package io.qdranthybrid.protocol.message;

import java.time.Duration;

/**
 * The control plane accepted the Hello.
 *
 * @param heartbeatInterval how often each side sends a heartbeat when otherwise idle
 * @param heartbeatTimeout  a side that hears nothing for this long considers the session dead
 * @param maxMessageBytes   the largest frame either side may send in this session
 */
public record Welcome(int protocolVersion, String sessionId, Duration heartbeatInterval,
                      Duration heartbeatTimeout, int maxMessageBytes) implements ControlPlaneMessage {

    public Welcome {
        Require.positive(protocolVersion, "protocolVersion");
        Require.nonBlank(sessionId, "sessionId");
        Require.present(heartbeatInterval, "heartbeatInterval");
        Require.present(heartbeatTimeout, "heartbeatTimeout");
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeatInterval must be positive but was " + heartbeatInterval);
        }
        if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("heartbeatTimeout " + heartbeatTimeout
                    + " must be longer than heartbeatInterval " + heartbeatInterval);
        }
        Require.positive(maxMessageBytes, "maxMessageBytes");
    }

    @Override
    public MessageType type() {
        return MessageType.WELCOME;
    }
}
