package io.qdranthybrid.platform.session;

import java.time.Duration;

/**
 * How much an {@link AgentGateway} takes from connections before and after they authenticate, so that neither a
 * stranger nor a compromised agent can exhaust the control plane.
 *
 * @param maxPendingHandshakes        connections waiting for their Hello at once; more are closed on arrival (1013)
 * @param failedHandshakesPerAddress  failed Hellos (and frames rejected before a Hello) one remote address may cause
 *                                    per {@code failedHandshakeWindow}; beyond, its Hellos are refused UNAVAILABLE
 *                                    without looking at the key
 * @param failedHandshakeWindow       see above
 * @param messagesPerSecond           a session's sustained inbound rate; frames beyond it (and the burst) are Nacked
 *                                    RATE_LIMITED unread
 * @param messageBurst                how many frames a session may send at once above the rate (a reconnecting agent
 *                                    resends every status)
 * @param maxStatusKeysPerEnvironment distinct resources an environment may report statuses for; a status for one
 *                                    more is Nacked (a deleted resource frees its place)
 */
public record SessionLimits(int maxPendingHandshakes, int failedHandshakesPerAddress, Duration failedHandshakeWindow,
                            int messagesPerSecond, int messageBurst, int maxStatusKeysPerEnvironment) {

    public static final SessionLimits DEFAULT = new SessionLimits(1_000, 20, Duration.ofMinutes(1), 200, 5_000, 10_000);

    public SessionLimits {
        requirePositive(maxPendingHandshakes, "maxPendingHandshakes");
        requirePositive(failedHandshakesPerAddress, "failedHandshakesPerAddress");
        requirePositive(messagesPerSecond, "messagesPerSecond");
        requirePositive(messageBurst, "messageBurst");
        requirePositive(maxStatusKeysPerEnvironment, "maxStatusKeysPerEnvironment");
        if (failedHandshakeWindow == null || failedHandshakeWindow.isNegative() || failedHandshakeWindow.isZero()) {
            throw new IllegalArgumentException("failedHandshakeWindow must be positive but was " + failedHandshakeWindow);
        }
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 but was " + value);
        }
    }
}
