package io.qdranthybrid.harness.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.qdranthybrid.harness.qdrant.QdrantPods.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class QdrantConsensusTest {

    @RegisterExtension
    final QdrantPods pods = new QdrantPods();
    private final SimulatedQdrant qdrant = pods.qdrant();

    @Test
    void everyPeerJoinsAndClusterEndpointListsAllPeersWithTheFirstAsLeader() {
        pods.startCluster("alpha", 3);
        List<Long> ids = List.of(pods.peerId("alpha", 0), pods.peerId("alpha", 1), pods.peerId("alpha", 2));
        assertThat(ids).allSatisfy(id -> assertThat(id).isPositive()).doesNotHaveDuplicates();

        for (int ordinal = 0; ordinal < 3; ordinal++) {
            JsonNode cluster = pods.http("alpha", ordinal).get("/cluster").result();
            assertThat(cluster.get("status").asText()).isEqualTo("enabled");
            List<Long> peers = new ArrayList<>();
            cluster.get("peers").fieldNames().forEachRemaining(id -> peers.add(Long.parseLong(id)));
            assertThat(peers).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(cluster.get("peers").get(Long.toString(ids.get(1))).get("uri").asText())
                    .isEqualTo("http://alpha-1.alpha-headless.qdrant:6335");
            JsonNode raft = cluster.get("raft_info");
            assertThat(raft.get("leader").asLong()).isEqualTo(ids.get(0));
            assertThat(raft.get("role").asText()).isEqualTo(ordinal == 0 ? "Leader" : "Follower");
            assertThat(raft.get("is_voter").asBoolean()).isTrue();
            assertThat(raft.get("term").asLong()).isEqualTo(1);
        }
        assertThat(qdrant.cluster(NAMESPACE, "alpha").peerIds()).containsExactlyElementsOf(ids);
    }

    @Test
    void clustersAreSeparatedByClusterIdLabel() {
        pods.startCluster("alpha", 1);
        pods.startCluster("beta", 1);
        assertThat(pods.http("alpha", 0).get("/cluster").result().get("peers").size()).isEqualTo(1);
        assertThat(qdrant.clusters()).extracting(SimulatedQdrantCluster::key)
                .containsExactlyInAnyOrder(new ClusterKey(NAMESPACE, "alpha"), new ClusterKey(NAMESPACE, "beta"));
    }

    @Test
    void nodeIsNotReadyUntilItCanReachTheLeaderToJoin() {
        pods.startCluster("alpha", 1);
        qdrant.partition(NAMESPACE, "alpha-0");
        pods.start("alpha", 1);

        QdrantHttp joining = pods.http("alpha", 1);
        // Two attempts to join: the first failed and so did its retry, the partition still up. Until it has joined,
        // real Qdrant serves nothing: no /readyz, and no /cluster claiming a cluster of its own.
        await().atMost(Duration.ofSeconds(5)).until(() -> qdrant.joinAttempts(NAMESPACE, "alpha-1") >= 2);
        assertThatThrownBy(() -> joining.get("/cluster")).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> joining.get("/readyz")).isInstanceOf(UncheckedIOException.class);

        qdrant.heal(NAMESPACE, "alpha-0");
        pods.awaitReady("alpha", 1);
        assertThat(qdrant.cluster(NAMESPACE, "alpha").peerIds()).hasSize(2);
    }

    @Test
    void partitionedNodeStaysReadyButSeesNoLeaderAndItsReplicasStayActiveUntilAWriteFails() {
        SimulatedQdrantCluster cluster = pods.seededCluster("alpha", 3, 3, 2, 300);
        long isolated = pods.peerId("alpha", 2);

        qdrant.partition(NAMESPACE, "alpha-2");

        // As real Qdrant: /readyz latched, the cut-off node a Candidate that reports leader 0.
        assertThat(pods.http("alpha", 2).get("/readyz").status()).isEqualTo(200);
        JsonNode raft = pods.http("alpha", 2).get("/cluster").result().get("raft_info");
        assertThat(raft.get("role").asText()).isEqualTo("Candidate");
        assertThat(raft.get("leader").isIntegralNumber()).isTrue();
        assertThat(raft.get("leader").asLong()).isZero();
        assertThat(pods.http("alpha", 0).get("/cluster").result().get("raft_info").get("leader").asLong()).isNotZero();
        JsonNode remote = pods.http("alpha", 0).get("/collections/docs/cluster").result().get("remote_shards");
        assertThat(remote).filteredOn(r -> r.get("peer_id").asLong() == isolated)
                .isNotEmpty().allSatisfy(r -> assertThat(r.get("state").asText()).isEqualTo("Active"));
        assertThat(cluster.transfers()).as("no recovery starts while nothing failed").isEmpty();

        cluster.upsert("docs", 30);
        remote = pods.http("alpha", 0).get("/collections/docs/cluster").result().get("remote_shards");
        assertThat(remote).filteredOn(r -> r.get("peer_id").asLong() == isolated)
                .isNotEmpty().allSatisfy(r -> assertThat(r.get("state").asText()).isEqualTo("Dead"));

        qdrant.heal(NAMESPACE, "alpha-2");
        pods.awaitReady("alpha", 2);
        // Readiness is latched, so it says nothing about the recovery: wait for the Dead copies to be rebuilt.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(qdrant.cluster(NAMESPACE, "alpha").placement("docs").shards()).allSatisfy(s ->
                        assertThat(s.replicas()).allSatisfy(r -> assertThat(r.state()).isEqualTo(ReplicaState.Active))));
    }

    @Test
    void withoutAMajorityTheSurvivorStaysReadyButHasNoLeaderAndConsensusOperationsFail() {
        pods.startCluster("alpha", 3);
        qdrant.crash(NAMESPACE, "alpha-1");
        qdrant.crash(NAMESPACE, "alpha-2");

        QdrantHttp survivor = pods.http("alpha", 0);
        assertThat(survivor.get("/readyz").status()).as("readiness latches in real Qdrant").isEqualTo(200);
        assertThat(survivor.get("/cluster").result().get("raft_info").get("leader").asLong()).isZero();
        QdrantHttp.Response create = survivor.put("/collections/docs", "{\"shard_number\":1}");
        assertThat(create.status()).isEqualTo(500);
        assertThat(create.json().get("status").get("error").asText()).contains("leader is not established");
    }

    @Test
    void crashOfTheLeaderElectsAnotherInANewTerm() {
        pods.startCluster("alpha", 3);
        long first = pods.peerId("alpha", 0);
        qdrant.crash(NAMESPACE, "alpha-0");

        JsonNode raft = pods.http("alpha", 1).get("/cluster").result().get("raft_info");
        assertThat(raft.get("leader").asLong()).isNotEqualTo(first).isIn(pods.peerId("alpha", 1), pods.peerId("alpha", 2));
        assertThat(raft.get("term").asLong()).isEqualTo(2);
    }

    @Test
    void removedPeerRestartedOnItsVolumeNeverBecomesReady() throws Exception {
        pods.startCluster("alpha", 3);
        long removed = pods.peerId("alpha", 2);
        qdrant.crash(NAMESPACE, "alpha-2");
        assertThat(pods.http("alpha", 0).delete("/cluster/peer/" + removed).status()).isEqualTo(200);

        pods.start("alpha", 2);
        QdrantHttp restarted = pods.http("alpha", 2);
        await().atMost(Duration.ofSeconds(2)).until(() -> restarted.get("/readyz").body().contains("was removed"));
        assertThat(restarted.get("/readyz").status()).isEqualTo(503);
        assertThat(qdrant.cluster(NAMESPACE, "alpha").peerIds()).doesNotContain(removed).hasSize(2);

        // A new volume is a new peer: it joins normally.
        qdrant.crash(NAMESPACE, "alpha-2");
        pods.startOn("alpha", 2, "pv-alpha-2-new");
        pods.awaitReady("alpha", 2);
        assertThat(pods.peerId("alpha", 2)).isNotEqualTo(removed);
        assertThat(qdrant.cluster(NAMESPACE, "alpha").peerIds()).hasSize(3);
    }

    @Test
    void rootReportsTheVersionFromTheImageTag() {
        pods.startCluster("alpha", 1);
        JsonNode root = pods.http("alpha", 0).get("/").json();
        assertThat(root.get("title").asText()).isEqualTo("qdrant - vector search engine");
        assertThat(root.get("version").asText()).isEqualTo("1.12.3");
    }
}
