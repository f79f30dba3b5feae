package io.qdranthybrid.platform.presence;

import io.qdranthybrid.platform.environment.AgentPresence;

import java.time.Instant;
import java.util.Collection;

/**
 * Which replica holds each environment's agent session, shared by the replicas of a control plane (SPI), so that an
 * environment's {@link AgentPresence} is the same whichever replica is asked. {@link InMemorySessionLeases} is the
 * default (one process); {@code PostgresSessionLeases} shares them through PostgreSQL.
 *
 * <p>One lease per environment: the newest session wins, as in one gateway. A lease that expires unrenewed (its
 * replica died or lost the database) reads as DISCONNECTED from its expiry on.
 */
public interface SessionLeases {

    /** The session was established on the lease's replica: it replaces whatever lease the environment had. */
    void hold(SessionLease lease);

    /** Moves the expiry of these leases (all of {@code replicaId}) to {@code expiresAt}; leases taken over stay. */
    void renew(String replicaId, Collection<SessionLease> leases, Instant expiresAt);

    /**
     * The session ended: its lease goes and {@code after} (DISCONNECTED) becomes the presence, unless another session
     * of the environment holds the lease by now.
     */
    void release(String environmentId, String sessionId, AgentPresence after);

    /** A Hello was refused: {@code refusal} becomes the presence unless a live session holds the lease. */
    void refused(String environmentId, AgentPresence refusal, Instant now);

    /** The environment's presence at {@code now}: CONNECTED under a live lease, else what was recorded last. */
    AgentPresence presence(String environmentId, Instant now);

    /** Forgets the environment (it was decommissioned). */
    void forget(String environmentId);

    /** What an expired lease means, the same for every implementation. */
    static AgentPresence expired(SessionLease lease) {
        return AgentPresence.disconnected(lease.expiresAt(), "replica " + lease.replicaId() + " stopped renewing the"
                + " lease of session " + lease.sessionId() + " (it stopped, died or lost the database); the agent"
                + " reconnects to another replica");
    }
}
