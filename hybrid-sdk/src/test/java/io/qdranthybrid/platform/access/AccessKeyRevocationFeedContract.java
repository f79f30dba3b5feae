package io.qdranthybrid.platform.access;

import io.qdranthybrid.protocol.message.AccessKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an {@link AccessKeyStore} with its {@link AccessKeyRevocationFeed} must do for replicas sharing it: a key
 * rotated or revoked through one replica is told to the other's revocation listeners (its gateway cuts the sessions
 * that used it). A backend's test extends this; the in-memory one is {@code InMemoryAccessKeyRevocationFeedTest}.
 */
public abstract class AccessKeyRevocationFeedContract {

    /** One replica's view of the shared key store. */
    public record Replica(AccessKeyStore store, AccessKeyRevocationFeed feed) {
    }

    /** An empty shared store, seen by a first replica. */
    protected abstract Replica firstReplica();

    /** Another replica over the store {@link #firstReplica()} created. */
    protected abstract Replica anotherReplica();

    private AccessKeys onA;
    private final List<UUID> heardByB = new CopyOnWriteArrayList<>();

    @BeforeEach
    void twoReplicas() {
        Replica a = firstReplica();
        Replica b = anotherReplica();
        onA = new AccessKeys(a.store(), Clock.systemUTC());
        AccessKeys onB = new AccessKeys(b.store(), Clock.systemUTC());
        onB.followRevocations(b.feed());
        onB.addRevocationListener(key -> heardByB.add(key.keyId()));
    }

    @Test
    void aKeyRotatedThroughOneReplicaIsToldToTheOther() {
        AccessKey first = onA.issue("env-1");

        AccessKey second = onA.issue("env-1");

        await().until(() -> heardByB.contains(first.keyId()));
        assertThat(heardByB).doesNotContain(second.keyId());
    }

    @Test
    void everyKeyRevokedThroughOneReplicaIsToldToTheOther() {
        AccessKey key = onA.issue("env-1");

        onA.revokeAll("env-1");

        await().until(() -> heardByB.contains(key.keyId()));
    }
}
