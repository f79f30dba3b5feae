package io.qdranthybrid.harness.qdrant;

import io.qdranthybrid.harness.qdrant.DataLossViolation.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.qdranthybrid.harness.qdrant.QdrantPods.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QdrantVolumeDataTest {

    @RegisterExtension
    final QdrantPods pods = new QdrantPods();
    private final SimulatedQdrant qdrant = pods.qdrant();

    @Test
    void restoringEverySnapshotIntoANewClusterServesTheSnapshottedPoints() {
        SimulatedQdrantCluster original = pods.seededCluster("alpha", 3, 3, 1, 900);
        List<Long> originalPeers = original.peerIds();
        for (int i = 0; i < 3; i++) {
            qdrant.snapshot(QdrantPods.volume("alpha", i), "snap-" + i);
        }
        original.upsert("docs", 300);

        for (int i = 0; i < 3; i++) {
            qdrant.restore("snap-" + i, "pv-restored-" + i);
            pods.startOn("restored", i, "pv-restored-" + i);
        }
        for (int i = 0; i < 3; i++) {
            pods.awaitReady("restored", i);
        }

        SimulatedQdrantCluster restored = qdrant.cluster(NAMESPACE, "restored");
        assertThat(restored.peerIds()).containsExactlyInAnyOrderElementsOf(originalPeers);
        assertThat(restored.placement("docs").shards()).allSatisfy(shard -> {
            assertThat(shard.peersIn(ReplicaState.Active)).hasSize(1);
            assertThat(shard.replicas().get(0).points()).isEqualTo(300);
        });
        assertThat(pods.http("restored", 1).get("/collections/docs").result().get("points_count").asLong()).isEqualTo(900);
        assertThat(pods.http("alpha", 1).get("/collections/docs").result().get("points_count").asLong()).isEqualTo(1_200);
        qdrant.assertNoDataLost();
    }

    @Test
    void restoreRefusesUnknownSnapshotsAndVolumesThatHoldData() {
        pods.startCluster("alpha", 1);
        qdrant.snapshot(QdrantPods.volume("alpha", 0), "snap");

        assertThatThrownBy(() -> qdrant.restore("missing", "pv-new")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("snapshot missing does not exist");
        assertThatThrownBy(() -> qdrant.restore("snap", QdrantPods.volume("alpha", 0))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already holds data");

        qdrant.deleteSnapshot("snap");
        assertThatThrownBy(() -> qdrant.restore("snap", "pv-new")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletingTheVolumeOfTheOnlyReplicaIsRecordedAsDataLoss() {
        SimulatedQdrantCluster cluster = pods.seededCluster("alpha", 3, 3, 1, 300);
        qdrant.crash(NAMESPACE, "alpha-1");

        qdrant.deleteVolume(QdrantPods.volume("alpha", 1));

        assertThat(cluster.violations()).extracting(DataLossViolation::kind)
                .containsExactlyInAnyOrder(Kind.LAST_REPLICA_LOST, Kind.POINTS_LOST);
        assertThat(cluster.violations()).allSatisfy(v -> assertThat(v.cause()).isEqualTo("deletion of volume pv-alpha-1"));
    }

    @Test
    void deletingTheVolumeOfAReplicatedPeerLosesNothing() {
        pods.seededCluster("alpha", 3, 3, 2, 300);
        qdrant.crash(NAMESPACE, "alpha-1");

        qdrant.deleteVolume(QdrantPods.volume("alpha", 1));

        qdrant.assertNoDataLost();
    }
}
