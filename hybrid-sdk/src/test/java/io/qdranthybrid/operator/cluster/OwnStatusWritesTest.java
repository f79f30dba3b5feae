package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterStatus;
import io.qdranthybrid.protocol.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class OwnStatusWritesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final OwnStatusWrites writes = new OwnStatusWrites(clock);

    @Test
    void anyCachedCopyIsCurrentWhenNothingWasWritten() {
        assertThat(writes.seenIn(withStatus("v1.12.3", ClusterPhase.HEALTHY))).isTrue();
    }

    @Test
    void copyOlderThanTheLastStatusWrittenIsNotCurrentUntilTheCacheShowsTheWrite() {
        QdrantCluster before = withStatus("v1.12.3", ClusterPhase.HEALTHY);
        QdrantCluster after = withStatus("v1.13.6", ClusterPhase.UPGRADING);

        writes.wrote(before, after.getStatus());

        assertThat(writes.seenIn(before)).as("the copy the write was computed from").isFalse();
        assertThat(writes.seenIn(Serialization.clone(after))).as("the copy that shows the write").isTrue();
        // Seen once, the write is no longer awaited: whatever the cache shows later is the truth.
        assertThat(writes.seenIn(before)).isTrue();
    }

    @Test
    void waitingForTheCacheEndsAfterThePatience() {
        QdrantCluster before = withStatus("v1.12.3", ClusterPhase.HEALTHY);
        writes.wrote(before, withStatus("v1.13.6", ClusterPhase.UPGRADING).getStatus());

        clock.advance(OwnStatusWrites.PATIENCE);
        assertThat(writes.seenIn(before)).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(writes.seenIn(before)).isTrue();
    }

    @Test
    void clusterRecreatedUnderTheSameNameOrForgottenAwaitsNothing() {
        QdrantCluster before = withStatus("v1.12.3", ClusterPhase.HEALTHY);
        writes.wrote(before, withStatus("v1.13.6", ClusterPhase.UPGRADING).getStatus());
        QdrantCluster recreated = Serialization.clone(before);
        recreated.getMetadata().setUid("uid-456");

        assertThat(writes.seenIn(recreated)).isTrue();
        writes.forget(before);
        assertThat(writes.seenIn(before)).isTrue();
    }

    private static QdrantCluster withStatus(String version, ClusterPhase phase) {
        QdrantCluster cluster = ClusterFixtures.minimal();
        QdrantClusterStatus status = new QdrantClusterStatus();
        status.setVersion(version);
        status.setPhase(phase);
        cluster.setStatus(status);
        return cluster;
    }
}
