package io.qdranthybrid.platform.presence;

import java.time.Instant;

/**
 * A replica's claim that it holds the live session of an environment's agent, valid until {@code expiresAt} unless
 * renewed. A replica that dies stops renewing; once its leases expire every replica reads the agent as gone.
 *
 * @param since when the session was established
 */
public record SessionLease(String environmentId, String replicaId, String sessionId, Instant since,
                           Instant expiresAt) {

    public SessionLease {
        if (environmentId == null || replicaId == null || sessionId == null || since == null || expiresAt == null) {
            throw new IllegalArgumentException("a session lease needs an environment, a replica, a session and times");
        }
    }

    public boolean liveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
