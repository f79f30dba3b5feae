package io.qdranthybrid.harness.qdrant;

import io.qdranthybrid.harness.runtime.ContainerLog;
import io.qdranthybrid.harness.runtime.RunningContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A simulated Qdrant container writes what real Qdrant prints, as it happens, in Qdrant's tracing format. */
class QdrantNodeLogTest {

    @RegisterExtension
    final QdrantPods pods = new QdrantPods(SimulatedQdrantSettings.defaults().withTransferPointsPerSecond(100_000));

    private static String text(RunningContainer node) {
        return String.join("\n", node.log().lines().stream().map(ContainerLog.Line::text).toList());
    }

    @Test
    void theLogTellsStartConsensusCollectionsTransfersAndShutdownInOrder() {
        List<RunningContainer> nodes = pods.startCluster("alpha", 2);
        pods.qdrant().cluster(QdrantPods.NAMESPACE, "alpha").seedCollection("docs", 1, 1, 100);
        long source = pods.peerId("alpha", 0);
        long target = pods.peerId("alpha", 1);
        assertThat(pods.http("alpha", 0).post("/collections/docs/cluster", "{\"replicate_shard\":{\"shard_id\":0,"
                + "\"from_peer_id\":" + source + ",\"to_peer_id\":" + target + "}}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> text(nodes.get(1)).contains("finished"));
        nodes.get(0).stop();

        String first = text(nodes.get(0));
        assertThat(first.lines().toList()).allMatch(line -> line.matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z +(INFO|WARN|ERROR) [\\w:]+: .*"));
        assertThat(first).containsSubsequence("Version: 1.12.3", "Qdrant HTTP listening on 6333",
                "Joined consensus of cluster alpha as peer " + source, "Creating collection docs",
                "Starting shard transfer of docs:0 from peer " + source + " to peer " + target,
                "SIGTERM received; starting graceful shutdown");
        assertThat(text(nodes.get(1))).contains("Joined consensus of cluster alpha as peer " + target,
                "Shard transfer of docs:0 to peer " + target + " finished (100 points)");
    }

    @Test
    void aCrashedNodeSaysWhyItExited() {
        RunningContainer node = pods.startCluster("beta", 1).get(0);
        pods.qdrant().crash(QdrantPods.NAMESPACE, "beta-0");
        await().until(() -> node.exited().toCompletableFuture().isDone());
        assertThat(text(node)).contains("ERROR qdrant::startup: Panic occurred");
    }
}
