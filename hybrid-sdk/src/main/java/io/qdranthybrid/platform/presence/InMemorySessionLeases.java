package io.qdranthybrid.platform.presence;

import io.qdranthybrid.platform.environment.AgentPresence;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Session leases in this process: the default, for a control plane with one replica (or replicas in one JVM). */
public final class InMemorySessionLeases implements SessionLeases {

    private final Map<String, SessionLease> leases = new HashMap<>();
    private final Map<String, AgentPresence> recorded = new HashMap<>();

    @Override
    public synchronized void hold(SessionLease lease) {
        leases.put(lease.environmentId(), lease);
    }

    @Override
    public synchronized void renew(String replicaId, Collection<SessionLease> renewed, Instant expiresAt) {
        for (SessionLease lease : renewed) {
            leases.computeIfPresent(lease.environmentId(), (id, held) -> held.replicaId().equals(replicaId)
                    && held.sessionId().equals(lease.sessionId())
                    ? new SessionLease(id, replicaId, held.sessionId(), held.since(), expiresAt) : held);
        }
    }

    @Override
    public synchronized void release(String environmentId, String sessionId, AgentPresence after) {
        SessionLease held = leases.get(environmentId);
        if (held == null || held.sessionId().equals(sessionId)) {
            leases.remove(environmentId);
            recorded.put(environmentId, after);
        }
    }

    @Override
    public synchronized void refused(String environmentId, AgentPresence refusal, Instant now) {
        SessionLease held = leases.get(environmentId);
        if (held == null || !held.liveAt(now)) {
            leases.remove(environmentId);
            recorded.put(environmentId, refusal);
        }
    }

    @Override
    public synchronized AgentPresence presence(String environmentId, Instant now) {
        SessionLease held = leases.get(environmentId);
        if (held != null) {
            return held.liveAt(now) ? AgentPresence.connected(held.since()) : SessionLeases.expired(held);
        }
        return recorded.getOrDefault(environmentId, AgentPresence.NEVER_CONNECTED);
    }

    @Override
    public synchronized void forget(String environmentId) {
        leases.remove(environmentId);
        recorded.remove(environmentId);
    }
}
