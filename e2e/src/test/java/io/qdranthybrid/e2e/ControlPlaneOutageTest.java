package io.qdranthybrid.e2e;

import io.qdranthybrid.agent.CloudAgent;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.harness.controlplane.ClusterView;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.kube.ApiCall;
import io.qdranthybrid.harness.kube.Verb;
import io.qdranthybrid.harness.stack.Faults;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.stack.Interruption;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.platform.environment.EnvironmentPhase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The control plane goes away for a while. The databases must not notice; what a user asks meanwhile waits for the
 * agent to come back, and is then applied once.
 */
@HybridCloudTest
class ControlPlaneOutageTest {

    private static final long POINTS = 200;
    /** Readings of the data plane to take during the outage: a few seconds' worth at the sampling period. */
    private static final int READINGS_DURING_OUTAGE = 20;

    /** What a client of the database sees, and whether the cluster was changed, at one moment. */
    private record Serving(boolean nodeReady, OptionalLong points, List<String> readyPods, int nodesInSpec) {
    }

    @Test
    void clustersKeepServingThroughAnOutageAndAScaleAskedDuringItIsAppliedOnceAfterIt(HybridEnvironment env,
                                                                                     Faults faults,
                                                                                     Timeline timeline) {
        env.createCluster(NewCluster.of("orders", 1, "v1.12.3"));
        env.awaitCluster("orders", ClusterPhase.HEALTHY, Waits.CONVERGE);
        env.qdrant("orders").seedCollection("docs", 2, 1, POINTS);
        QdrantNodes nodes = QdrantNodes.of(env, "orders");
        ClusterInKubernetes kubernetes = ClusterInKubernetes.of(env, "orders");
        AgentWrites agentWrites = AgentWrites.of(env);
        int writesBefore = agentWrites.to("qdrantclusters").size();
        Serving normal = new Serving(true, OptionalLong.of(POINTS), List.of("qdrant-orders-0"), 1);

        ClusterView asked;
        Instant outageEnded;
        try (Interruption outage = faults.controlPlaneOutage()) {
            await("agent session gone").atMost(Waits.PROMPTLY).pollInterval(Waits.POLL)
                    .until(() -> !env.view().connected());
            asked = env.controlPlane().clusters().scale(env.id(), "orders", 2);
            timeline.mark("scale to 2 asked during the outage");

            try (Sampler<Serving> serving = Sampler.every(Duration.ofMillis(100), "orders as its clients see it",
                    () -> new Serving(nodes.ready(0), nodes.count(0, "docs"), kubernetes.readyPods(),
                            env.clusterResource("orders").getSpec().getSize()), timeline)) {
                await("outage observed for a while").atMost(Waits.CONVERGE)
                        .until(() -> serving.readings() >= READINGS_DURING_OUTAGE);
                assertThat(serving.changes()).as("the cluster throughout the outage").containsExactly(normal);
            }
            assertThat(env.controlPlane().isUp()).isFalse();
            outage.end();
            outageEnded = Instant.now();
        }

        // Current again within seconds: the agent is back and has reported the cluster at the new revision.
        await("status current after the outage").atMost(Waits.CURRENT_AGAIN).pollInterval(Waits.POLL).until(() -> {
            ClusterView view = env.controlPlane().clusters().get(env.id(), "orders");
            return view.reportedRevision() >= asked.desiredRevision() && env.view().connected();
        });
        timeline.mark("control plane shows orders at the revision asked during the outage");
        await("environment READY again").atMost(Waits.CURRENT_AGAIN).pollInterval(Waits.POLL)
                .until(() -> env.view().phase() == EnvironmentPhase.READY
                        && env.view().lastContactAt().isAfter(outageEnded));

        ClusterView scaled = env.awaitCluster("orders", ClusterPhase.HEALTHY, Waits.CONVERGE);
        assertThat(scaled.nodesReady()).isEqualTo(2);
        assertThat(kubernetes.readyPods()).containsExactly("qdrant-orders-0", "qdrant-orders-1");
        // Applied once: a single write of the agent to the cluster since the outage, the update to two nodes.
        List<ApiCall> writes = agentWrites.to("qdrantclusters");
        List<ApiCall> applied = writes.subList(writesBefore, writes.size());
        assertThat(applied).extracting(ApiCall::verb, ApiCall::name).containsExactly(
                tuple(Verb.UPDATE, "qdrant-orders"));
        CloudAgent agent = env.stack().agent().orElseThrow();
        assertThat(agent.lastAppliedRevision()).isEqualTo(env.view().desiredRevision());
        assertThat(env.view().acknowledgedRevision()).isEqualTo(env.view().desiredRevision());
        assertThat(nodes.count(0, "docs")).hasValue(POINTS);
        env.qdrant("orders").assertNoDataLost();
    }
}
