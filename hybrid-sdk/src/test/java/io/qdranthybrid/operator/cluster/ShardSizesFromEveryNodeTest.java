package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.qdrant.CollectionPlacement;
import io.qdranthybrid.qdrant.ShardReplica;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node lists point counts only for its own replicas: size-based rebalancing needs every node's counts, so the
 * observer asks each node in consensus for its local shards.
 */
class ShardSizesFromEveryNodeTest {

    private final List<MockWebServer> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (MockWebServer node : nodes) {
            node.shutdown();
        }
    }

    @Test
    void everyReplicaOfASizeAwareClusterCarriesItsPointCount() throws IOException {
        long[] peers = {101L, 102L};
        for (int i = 0; i < 2; i++) {
            MockWebServer node = new MockWebServer();
            node.setDispatcher(new NodeView(peers[i], peers[1 - i], 1000L * (i + 1)));
            node.start();
            nodes.add(node);
        }
        QdrantEndpoints local = (namespace, names, ordinal, tls) -> URI.create(nodes.get(ordinal).url("/").toString());
        ClusterReads reads = new CountingClusterReads() {
            @Override
            public List<Pod> pods(String namespace, Map<String, String> selector) {
                return List.of(runningReadyPod(0), runningReadyPod(1));
            }
        };
        ClusterObserver observer = new ClusterObserver(reads,
                new QdrantAccess(reads, local, HttpClient.newHttpClient(), Duration.ofSeconds(10)));
        QdrantCluster cluster = ClusterFixtures.minimal();

        ClusterObservation world = observer.observe(cluster);

        CollectionPlacement docs = world.consensus().orElseThrow().placements().get(0);
        assertThat(docs.replicas()).extracting(ShardReplica::peerId, ShardReplica::pointsCount).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(101L, 1000L), org.assertj.core.groups.Tuple.tuple(102L, 2000L));
    }

    private static Pod runningReadyPod(int ordinal) {
        return new PodBuilder().withNewMetadata().withName("qdrant-demo-" + ordinal).withNamespace("team-a").endMetadata()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus().build();
    }

    /** One node of two: shard 0 is local to it, shard 1 lives on the other peer. */
    private static final class NodeView extends Dispatcher {
        private final long self;
        private final long other;
        private final long localPoints;

        NodeView(long self, long other, long localPoints) {
            this.self = self;
            this.other = other;
            this.localPoints = localPoints;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath();
            String result = switch (path) {
                case "/cluster" -> "{\"peer_id\":" + self + ",\"peers\":{\"" + self + "\":{\"uri\":\"a\"},\"" + other
                        + "\":{\"uri\":\"b\"}},\"raft_info\":{\"term\":2,\"commit\":9,\"pending_operations\":0,\"leader\":101,"
                        + "\"role\":\"Follower\",\"is_voter\":true}}";
                case "/collections" -> "{\"collections\":[{\"name\":\"docs\"}]}";
                case "/collections/docs/cluster" -> "{\"peer_id\":" + self + ",\"shard_count\":2,"
                        + "\"local_shards\":[{\"shard_id\":" + (self == 101L ? 0 : 1) + ",\"points_count\":" + localPoints
                        + ",\"state\":\"Active\"}],\"remote_shards\":[{\"shard_id\":" + (self == 101L ? 1 : 0)
                        + ",\"peer_id\":" + other + ",\"state\":\"Active\"}],\"shard_transfers\":[]}";
                default -> null;
            };
            return result == null ? new MockResponse().setResponseCode(404)
                    : new MockResponse().setHeader("Content-Type", "application/json")
                            .setBody("{\"result\":" + result + ",\"status\":\"ok\",\"time\":0.0}");
        }
    }
}
