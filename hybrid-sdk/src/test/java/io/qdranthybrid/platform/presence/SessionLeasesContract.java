package io.qdranthybrid.platform.presence;

import io.qdranthybrid.platform.environment.AgentPresence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link SessionLeases} must do so that replicas agree on an environment's presence: a held lease reads
 * CONNECTED from any replica until it expires, then DISCONNECTED naming the replica that stopped renewing; a session
 * that moved to another replica is not undone by the old one's release or renewal. A backend's test extends this; the
 * in-memory one is {@code InMemorySessionLeasesTest}.
 */
public abstract class SessionLeasesContract {

    private static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    /** Two replicas' views of the same shared leases (the same instance where the backend has no storage). */
    protected SessionLeases replicaA;
    protected SessionLeases replicaB;

    /** Empty leases as replica A sees them. */
    protected abstract SessionLeases newLeases();

    /** The same leases as another replica sees them. */
    protected abstract SessionLeases sameLeasesSeenByAnotherReplica();

    @BeforeEach
    void createLeases() {
        replicaA = newLeases();
        replicaB = sameLeasesSeenByAnotherReplica();
    }

    private static SessionLease lease(String replica, String session, Instant since) {
        return new SessionLease("env-1", replica, session, since, since.plus(LEASE));
    }

    @Test
    void aSessionHeldOnOneReplicaReadsConnectedOnTheOther() {
        replicaA.hold(lease("a", "s1", T0));

        assertThat(replicaB.presence("env-1", T0.plusSeconds(10))).isEqualTo(AgentPresence.connected(T0));
        assertThat(replicaB.presence("env-2", T0)).isEqualTo(AgentPresence.NEVER_CONNECTED);
    }

    @Test
    void anUnrenewedLeaseReadsDisconnectedFromItsExpiryNamingTheReplica() {
        replicaA.hold(lease("a", "s1", T0));

        AgentPresence expired = replicaB.presence("env-1", T0.plus(LEASE));

        assertThat(expired.state()).isEqualTo(AgentPresence.State.DISCONNECTED);
        assertThat(expired.since()).isEqualTo(T0.plus(LEASE));
        assertThat(expired.detail()).contains("replica a", "s1");
    }

    @Test
    void renewalsKeepTheLeaseLive() {
        SessionLease held = lease("a", "s1", T0);
        replicaA.hold(held);

        replicaA.renew("a", List.of(held), T0.plus(LEASE).plus(LEASE));

        assertThat(replicaB.presence("env-1", T0.plus(LEASE).plusSeconds(1)).connected()).isTrue();
    }

    @Test
    void aCleanCloseRecordsWhy() {
        replicaA.hold(lease("a", "s1", T0));
        AgentPresence gone = AgentPresence.disconnected(T0.plusSeconds(5), "connection ended: 1001 going away");

        replicaA.release("env-1", "s1", gone);

        assertThat(replicaB.presence("env-1", T0.plusSeconds(6))).isEqualTo(gone);
    }

    @Test
    void theOldReplicaCannotUndoASessionThatMovedToAnother() {
        SessionLease onA = lease("a", "s1", T0);
        replicaA.hold(onA);
        Instant moved = T0.plusSeconds(40);
        replicaB.hold(lease("b", "s2", moved));

        replicaA.renew("a", List.of(onA), moved.plus(LEASE).plus(LEASE));
        replicaA.release("env-1", "s1", AgentPresence.disconnected(moved.plusSeconds(1), "heartbeat timeout"));

        assertThat(replicaA.presence("env-1", moved.plusSeconds(2))).isEqualTo(AgentPresence.connected(moved));
        assertThat(replicaA.presence("env-1", moved.plus(LEASE)).state()).isEqualTo(AgentPresence.State.DISCONNECTED);
    }

    @Test
    void aRefusalShowsOnlyWhileNoLiveSessionHoldsTheLease() {
        replicaA.hold(lease("a", "s1", T0));
        replicaB.refused("env-1", AgentPresence.refused(T0.plusSeconds(1), "KEY_ROTATED"), T0.plusSeconds(1));
        assertThat(replicaA.presence("env-1", T0.plusSeconds(2)).connected()).isTrue();

        Instant later = T0.plus(LEASE).plusSeconds(1);
        AgentPresence refused = AgentPresence.refused(later, "KEY_ROTATED");
        replicaB.refused("env-1", refused, later);
        assertThat(replicaA.presence("env-1", later.plusSeconds(1))).isEqualTo(refused);
    }

    @Test
    void aForgottenEnvironmentWasNeverConnected() {
        replicaA.hold(lease("a", "s1", T0));

        replicaB.forget("env-1");

        assertThat(replicaA.presence("env-1", T0.plusSeconds(1))).isEqualTo(AgentPresence.NEVER_CONNECTED);
    }

}
