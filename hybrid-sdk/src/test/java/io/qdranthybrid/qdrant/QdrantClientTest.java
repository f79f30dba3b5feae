package io.qdranthybrid.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Checks requests and parsing against Qdrant's documented JSON shapes. */
class QdrantClientTest {

    private final MockWebServer node = new MockWebServer();
    private QdrantClient client;

    @BeforeEach
    void start() throws IOException {
        node.start();
        client = new QdrantClient(URI.create(node.url("/").toString()), "secret-key", HttpClient.newHttpClient(),
                Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() throws IOException {
        node.shutdown();
    }

    @Test
    void clusterInfoListsPeersAndTheRaftLeader() throws InterruptedException {
        node.enqueue(json("""
                {"result":{"status":"enabled","peer_id":111,
                  "peers":{"111":{"uri":"http://qdrant-a-0.qdrant-headless-a:6335/"},
                           "222":{"uri":"http://qdrant-a-1.qdrant-headless-a:6335/"}},
                  "raft_info":{"term":3,"commit":40,"pending_operations":0,"leader":111,"role":"Leader","is_voter":true}},
                 "status":"ok","time":0.0001}"""));

        ClusterInfo info = client.cluster();

        assertThat(info.peerId()).isEqualTo(111L);
        assertThat(info.peers()).containsOnlyKeys(111L, 222L);
        assertThat(info.leaderPeer()).contains(111L);
        assertThat(node.takeRequest().getHeader("api-key")).isEqualTo("secret-key");
    }

    @Test
    void callsReuseThreadsInsteadOfStartingOneEach() throws Exception {
        for (int i = 0; i < 60; i++) {
            node.enqueue(json("{\"title\":\"qdrant\",\"version\":\"1.13.0\"}"));
        }
        client.version(); // the first call starts the pooled threads
        long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();

        for (int i = 0; i < 50; i++) {
            assertThat(client.version()).isEqualTo("1.13.0");
        }

        // sendAsync handed every answer on through CompletableFuture's default executor: on two cores, a new thread
        // per call (50 here).
        assertThat(ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - started).isLessThan(10);
    }

    @Test
    void placementMergesLocalAndRemoteReplicas() {
        node.enqueue(json("""
                {"result":{"peer_id":111,"shard_count":2,
                  "local_shards":[{"shard_id":0,"points_count":500,"state":"Active"}],
                  "remote_shards":[{"shard_id":0,"peer_id":222,"state":"Partial"},
                                   {"shard_id":1,"peer_id":222,"state":"Active"}],
                  "shard_transfers":[{"shard_id":0,"from":111,"to":222,"sync":false,"method":"stream_records"}]},
                 "status":"ok","time":0.001}"""));

        CollectionPlacement placement = client.placement("docs");

        assertThat(placement.byShard().get(0)).extracting(ShardReplica::peerId, ShardReplica::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(111L, ReplicaState.ACTIVE),
                        org.assertj.core.groups.Tuple.tuple(222L, ReplicaState.PARTIAL));
        assertThat(placement.on(222L)).hasSize(2);
        assertThat(placement.replicated()).isTrue();
        assertThat(placement.transfers()).singleElement().extracting(ShardTransfer::to).isEqualTo(222L);
    }

    @Test
    void moveShardPostsQdrantsRequestBody() throws Exception {
        node.enqueue(json("{\"result\":true,\"status\":\"ok\",\"time\":0.01}"));

        client.moveShard("my docs", 3, 111L, 222L);

        RecordedRequest request = node.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/collections/my%20docs/cluster");
        JsonNode body = new ObjectMapper().readTree(request.getBody().readUtf8());
        assertThat(body.at("/move_shard/shard_id").asInt()).isEqualTo(3);
        assertThat(body.at("/move_shard/from_peer_id").asLong()).isEqualTo(111L);
        assertThat(body.at("/move_shard/to_peer_id").asLong()).isEqualTo(222L);
    }

    @Test
    void refusedPeerRemovalSurfacesQdrantsReason() throws InterruptedException {
        node.enqueue(new MockResponse().setResponseCode(400).setHeader("Content-Type", "application/json")
                .setBody("{\"status\":{\"error\":\"Bad request: Cannot remove peer 222 as there are shards on it\"},\"time\":0.0}"));

        assertThatThrownBy(() -> client.removePeer(222L, false))
                .isInstanceOfSatisfying(QdrantApiException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("there are shards on it");
                });
        RecordedRequest request = node.takeRequest();
        assertThat(request.getMethod()).isEqualTo("DELETE");
        assertThat(request.getPath()).isEqualTo("/cluster/peer/222");
    }

    @Test
    void forcedRemovalSaysSoInTheQuery() throws InterruptedException {
        node.enqueue(json("{\"result\":true,\"status\":\"ok\",\"time\":0.0}"));

        client.removePeer(222L, true);

        assertThat(node.takeRequest().getPath()).isEqualTo("/cluster/peer/222?force=true");
    }

    @Test
    void readinessIsFalseWhenTheNodeIsDownInsteadOfThrowing() throws IOException {
        node.enqueue(new MockResponse().setResponseCode(503));
        assertThat(client.ready()).isFalse();

        node.shutdown();
        assertThat(client.ready()).isFalse();
        assertThatThrownBy(client::collections).isInstanceOfSatisfying(QdrantApiException.class,
                e -> assertThat(e.unreachable()).isTrue());
    }

    @Test
    void leaderZeroMeansNoLeader() {
        // During an election real Qdrant reports leader 0 (raft-rs INVALID_ID), not null.
        node.enqueue(json("""
                {"result":{"status":"enabled","peer_id":111,"peers":{"111":{"uri":"http://a:6335/"}},
                  "raft_info":{"term":4,"commit":40,"pending_operations":0,"leader":0,"role":"Candidate","is_voter":true}},
                 "status":"ok","time":0.0001}"""));

        assertThat(client.cluster().leaderPeer()).isEmpty();
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a guard against a hang, not a speed check
    void aNodeThatStallsMidBodyFailsTheCallInsteadOfPinningTheCaller() throws Exception {
        try (StallingNode stalling = new StallingNode()) {
            QdrantClient bounded = new QdrantClient(stalling.url(), null, HttpClient.newHttpClient(), Duration.ofMillis(500));

            assertThatThrownBy(bounded::collections).isInstanceOfSatisfying(QdrantApiException.class, e -> {
                assertThat(e.unreachable()).isTrue();
                assertThat(e.outcomeUnknown()).as("a read changes nothing").isFalse();
                assertThat(e.getMessage()).contains("no complete answer");
            });
            assertThat(bounded.ready()).isFalse();
        }
    }

    @Test
    void aBodyLargerThanTheLimitIsRefused() {
        QdrantClient small = new QdrantClient(URI.create(node.url("/").toString()), null, HttpClient.newHttpClient(),
                Duration.ofSeconds(2), 1024);
        node.enqueue(json("{\"result\":{\"collections\":[" + "{\"name\":\"x\"},".repeat(200) + "{\"name\":\"y\"}]}}"));

        assertThatThrownBy(small::collections).isInstanceOfSatisfying(QdrantApiException.class,
                e -> assertThat(e.getMessage()).contains("exceeds the limit of 1024 bytes"));
    }

    @Test
    void aConsensusChangeMayTakeLongerThanAReadBecauseQdrantWaitsForTheCommit() {
        QdrantClient quick = new QdrantClient(URI.create(node.url("/").toString()), null, HttpClient.newHttpClient(),
                Duration.ofMillis(200));
        // Qdrant answers a consensus change only once committed, up to 10 s later: that is no failure.
        node.enqueue(json("{\"result\":true,\"status\":\"ok\",\"time\":1.0}").setHeadersDelay(1, TimeUnit.SECONDS));

        quick.moveShard("docs", 0, 1L, 2L);
    }

    @Test
    void qdrantGivingUpOnConsensusIsAnUnknownOutcomeNotAFailure() {
        node.enqueue(new MockResponse().setResponseCode(500).setHeader("Content-Type", "application/json")
                .setBody("{\"status\":{\"error\":\"Service internal error: Waiting for consensus operation commit failed."
                        + " Timeout set at: 10 seconds\"},\"time\":10.0}"));

        assertThatThrownBy(() -> client.dropReplica("docs", 0, 2L)).isInstanceOfSatisfying(QdrantApiException.class,
                e -> assertThat(e.outcomeUnknown()).isTrue());
    }

    @Test
    void aRefusalIsAKnownOutcome() {
        node.enqueue(new MockResponse().setResponseCode(400).setHeader("Content-Type", "application/json")
                .setBody("{\"status\":{\"error\":\"Bad request: Shard 0 is already involved in transfer 1 -> 2\"}}"));

        assertThatThrownBy(() -> client.moveShard("docs", 0, 1L, 2L)).isInstanceOfSatisfying(QdrantApiException.class,
                e -> assertThat(e.outcomeUnknown()).isFalse());
    }

    @Test
    void plainTextAuthenticationErrorsAreReportedAsTheyCame() {
        node.enqueue(new MockResponse().setResponseCode(401).setHeader("Content-Type", "text/plain")
                .setBody("Must provide an API key or an Authorization bearer token"));

        assertThatThrownBy(client::collections).isInstanceOfSatisfying(QdrantApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(401);
            assertThat(e.getMessage()).contains("Must provide an API key");
        });
    }

    @Test
    void manualRecoveryIsAKnownReplicaState() {
        node.enqueue(json("""
                {"result":{"peer_id":111,"shard_count":1,
                  "local_shards":[{"shard_id":0,"points_count":0,"state":"ManualRecovery"}],
                  "remote_shards":[{"shard_id":0,"peer_id":222,"state":"ActiveRead"}],"shard_transfers":[]},
                 "status":"ok","time":0.001}"""));

        assertThat(client.placement("docs").replicas()).extracting(ShardReplica::state)
                .containsExactly(ReplicaState.MANUAL_RECOVERY, ReplicaState.ACTIVE_READ);
    }

    @Test
    void apiKeyNeverAppearsInToString() {
        assertThat(client.toString()).doesNotContain("secret-key").contains("***");
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }
}
