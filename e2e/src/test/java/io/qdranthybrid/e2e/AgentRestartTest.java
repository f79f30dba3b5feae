package io.qdranthybrid.e2e;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterScheduledSnapshot;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.kube.Verb;
import io.qdranthybrid.harness.stack.Faults;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.stack.Interruption;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.harness.timeline.TimelineEvent;
import io.qdranthybrid.harness.timeline.TimelineSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An agent restarted while it applies must neither lose what it was applying nor apply any of it twice. */
@HybridCloudTest
class AgentRestartTest {

    private static final List<String> CLUSTERS = List.of("alpha", "beta", "gamma");

    @Test
    void agentRestartedWhileApplyingSeveralResourcesEndsWithEachAppliedExactlyOnce(HybridEnvironment env,
                                                                                  Faults faults,
                                                                                  Timeline timeline) {
        // What the environment starts with (the release catalogue, published when the agent first connects) is
        // applied before the cut, so that the one desired state after it holds only what this test asks for: on a
        // busy machine the catalogue was still pending at the cut and was applied first after it.
        await("the catalogue applied").atMost(Waits.PROMPTLY).pollInterval(Waits.POLL)
                .until(() -> env.view().connected() && env.view().acknowledgedRevision() == env.view().desiredRevision());
        long applied;
        try (Interruption cut = faults.cutAgentConnection()) {
            await("agent session gone").atMost(Waits.PROMPTLY).pollInterval(Waits.POLL)
                    .until(() -> !env.view().connected());
            applied = env.stack().agent().orElseThrow().lastAppliedRevision();
            CLUSTERS.forEach(id -> env.createCluster(NewCluster.of(id, 1, "v1.12.3")));
            env.controlPlane().backups().createSchedule(env.id(), "alpha", "@daily", 24);
            timeline.mark("3 clusters and a backup schedule asked while the agent was away");
            // Every request of the agent takes a while, so that it is caught in the middle of applying them.
            faults.apiLatency(Duration.ofMillis(250), Duration.ofMillis(350));
        }
        AgentWrites agentWrites = AgentWrites.of(env);

        // Back, the agent receives one desired state with all four resources and applies them one by one.
        await("apply in flight").atMost(Waits.PROMPTLY).pollInterval(Duration.ofMillis(10))
                .until(() -> agentWrites.creations("qdrantclusters") >= 1);
        assertThat(env.stack().agent().orElseThrow().lastAppliedRevision()).as("revision applied so far")
                .isEqualTo(applied);
        faults.restartAgent();
        faults.clearApiFaults();

        CLUSTERS.forEach(id -> env.awaitCluster(id, ClusterPhase.HEALTHY, Waits.CONVERGE));
        await("every revision acknowledged").atMost(Waits.PROMPTLY).pollInterval(Waits.POLL)
                .until(() -> env.view().acknowledgedRevision() == env.view().desiredRevision());
        assertThat(env.stack().agent().orElseThrow().lastAppliedRevision()).isEqualTo(env.view().desiredRevision());
        // Exactly the objects asked for, each created once and never rewritten, by either agent.
        assertThat(env.client().resources(QdrantCluster.class).inNamespace(env.namespace()).list().getItems())
                .extracting(cluster -> cluster.getSpec().getId()).containsExactlyInAnyOrderElementsOf(CLUSTERS);
        assertThat(env.client().resources(QdrantClusterScheduledSnapshot.class).inNamespace(env.namespace()).list()
                .getItems()).hasSize(1);
        assertThat(agentWrites.to("qdrantclusters")).as("the agent's writes to QdrantClusters")
                .hasSize(CLUSTERS.size()).allMatch(call -> call.verb() == Verb.CREATE);
        assertThat(agentWrites.to("qdrantclusterscheduledsnapshots")).hasSize(1);
        assertThat(timeline.events(TimelineSource.AGENT)).extracting(TimelineEvent::event)
                .containsSubsequence("connected", "disconnected", "connected", "stopped", "started", "connected");
    }
}
