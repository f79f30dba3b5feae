package io.qdranthybrid.harness.junit;

import io.qdranthybrid.agent.CloudAgent;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.controlplane.AgentCredentials;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.kube.InjectedFailure;
import io.qdranthybrid.harness.kube.Verb;
import io.qdranthybrid.harness.qdrant.SimulatedQdrant;
import io.qdranthybrid.harness.stack.Faults;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.stack.Interruption;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.harness.timeline.TimelineEvent;
import io.qdranthybrid.harness.timeline.TimelineSource;
import io.qdranthybrid.platform.environment.EnvironmentPhase;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each fault handle does what it says, and the stack recovers from it. */
@HybridCloudTest
class FaultHandlesTest {

    private static final Duration CONVERGE = Duration.ofSeconds(60);

    @Test
    void restartedAgentIsANewInstanceThatReconnectsAndAppliesWhatComesNext(HybridEnvironment env, Faults faults,
                                                                          Timeline timeline) {
        env.createCluster(NewCluster.of("agent", 1, "v1.12.3"));
        env.awaitCluster("agent", ClusterPhase.HEALTHY, CONVERGE);
        CloudAgent before = env.stack().agent().orElseThrow();

        faults.restartAgent();

        assertThat(env.stack().agent()).get().isNotSameAs(before);
        env.controlPlane().clusters().scale(env.id(), "agent", 2);
        env.awaitCluster("agent", ClusterPhase.HEALTHY, CONVERGE);
        assertThat(env.clusterResource("agent").getSpec().getSize()).isEqualTo(2);
        assertThat(timeline.events(TimelineSource.AGENT)).extracting(TimelineEvent::event)
                .containsSubsequence("started", "connected", "stopped", "started", "connected");
    }

    @Test
    void restartedOperatorFinishesTheClusterTheOldOneStarted(HybridEnvironment env, Faults faults,
                                                            Timeline timeline) {
        env.createCluster(NewCluster.of("operator", 3, "v1.12.3"));
        await().atMost(CONVERGE).until(() -> timeline.first(e -> e.source() == TimelineSource.POD).isPresent());

        faults.restartOperator();

        env.awaitCluster("operator", ClusterPhase.HEALTHY, CONVERGE);
        assertThat(timeline.events(TimelineSource.OPERATOR)).extracting(TimelineEvent::event)
                .containsExactly("started", "stopped", "started");
        assertThat(timeline.events(TimelineSource.FAULT)).extracting(TimelineEvent::event).containsExactly("restart");
    }

    @Test
    void changeMadeWhileTheAgentsNetworkIsCutIsAppliedOnceItIsBack(HybridEnvironment env, Faults faults,
                                                                  Timeline timeline) {
        env.createCluster(NewCluster.of("cut", 1, "v1.12.3"));
        env.awaitCluster("cut", ClusterPhase.HEALTHY, CONVERGE);

        try (Interruption cut = faults.cutAgentConnection()) {
            await().atMost(CONVERGE).until(() -> !env.view().connected());
            env.controlPlane().clusters().scale(env.id(), "cut", 2);
            timeline.mark("scaled during the cut");
            assertThat(cut.isActive()).isTrue();
            assertThat(env.clusterResource("cut").getSpec().getSize()).isEqualTo(1);
        }

        env.awaitCluster("cut", ClusterPhase.HEALTHY, CONVERGE);
        assertThat(env.clusterResource("cut").getSpec().getSize()).isEqualTo(2);
        assertThat(timeline.events(TimelineSource.FAULT)).extracting(TimelineEvent::event)
                .containsExactly("cut", "cut-ended");
        assertThat(timeline.events(TimelineSource.AGENT)).extracting(TimelineEvent::event).contains("disconnected");
    }

    @Test
    void controlPlaneOutageForAWhileEndsByItselfAndTheAgentComesBack(HybridEnvironment env, Faults faults,
                                                                    Timeline timeline) {
        Interruption outage = faults.controlPlaneOutageFor(Duration.ofSeconds(1));

        assertThat(env.controlPlane().isUp()).isFalse();
        await().atMost(CONVERGE).until(() -> !outage.isActive());
        assertThat(env.controlPlane().isUp()).isTrue();
        await().atMost(CONVERGE).until(() -> env.view().connected());
        assertThat(timeline.events(TimelineSource.CONTROL_PLANE)).extracting(TimelineEvent::event)
                .containsSubsequence("outage-started", "outage-ended", "agent-connected");
    }

    @Test
    void rotatedAccessKeyReplacesTheOldOneAndTheAgentRunsOnTheNewOne(HybridEnvironment env, Timeline timeline) {
        AgentCredentials before = env.stack().credentials().orElseThrow();

        AgentCredentials rotated = env.rotateAccessKey();

        assertThat(rotated.accessKey().keyId()).isNotEqualTo(before.accessKey().keyId());
        assertThat(env.stack().credentials()).contains(rotated);
        env.awaitPhase(EnvironmentPhase.READY, CONVERGE);
        await().atMost(CONVERGE).until(() -> env.view().connected());
        assertThat(timeline.events(TimelineSource.CONTROL_PLANE)).extracting(TimelineEvent::event)
                .containsSubsequence("environment-bootstrapped", "environment-bootstrapped", "agent-connected");
    }

    @Test
    void apiErrorsAndACrashedQdrantNodeAreRecoveredFrom(HybridEnvironment env, Faults faults, Timeline timeline) {
        faults.failApiRequests(3, Verb.CREATE, "statefulsets", InjectedFailure.INTERNAL_ERROR);
        env.createCluster(NewCluster.of("crash", 1, "v1.12.3"));
        env.awaitCluster("crash", ClusterPhase.HEALTHY, CONVERGE);

        faults.crashQdrantNode("crash", 0);

        await().atMost(CONVERGE).until(() -> timeline.first(e -> e.is(TimelineSource.POD, "Pod/qdrant-crash-0",
                "readiness", "NotReady")).isPresent());
        env.awaitCluster("crash", ClusterPhase.HEALTHY, CONVERGE);
        assertThat(env.client().pods().inNamespace(env.namespace()).withName("qdrant-crash-0").get().getStatus()
                .getContainerStatuses().get(0).getRestartCount()).isEqualTo(1);
        assertThat(timeline.events(TimelineSource.FAULT)).extracting(TimelineEvent::event)
                .containsExactly("fail-next", "crash");
    }

    @Test
    void slowedShardTransfersKeepTheirSpeedUntilTheFaultEndsAndClosingRestoresTheOriginal(HybridEnvironment env,
                                                                                         Faults faults,
                                                                                         Timeline timeline) {
        SimulatedQdrant qdrant = env.cluster().simulated().orElseThrow().qdrant();
        long normal = qdrant.settings().transferPointsPerSecond();

        Interruption slow = faults.slowShardTransfers(100);
        assertThat(qdrant.settings().transferPointsPerSecond()).isEqualTo(100);
        Interruption slower = faults.slowShardTransfers(1);
        assertThat(qdrant.settings().transferPointsPerSecond()).isEqualTo(1);
        faults.close(); // what the extension does after every test: the next test starts at the normal speed

        assertThat(slow.isActive()).isFalse();
        assertThat(slower.isActive()).isFalse();
        assertThat(qdrant.settings().transferPointsPerSecond()).isEqualTo(normal);
        assertThat(timeline.events(TimelineSource.FAULT)).extracting(TimelineEvent::event)
                .containsExactly("slowed", "slowed", "slowed-ended", "slowed-ended");
    }

    @Test
    void droppedWatchesResumeFromTheirResourceVersionWithoutListing(HybridEnvironment env, Faults faults) {
        long lists = controllersCalls(env, Verb.LIST);
        long watches = controllersCalls(env, Verb.WATCH);

        faults.dropApiWatches();

        // The simulated scheduler's node informer watches again, from where it was.
        await().atMost(CONVERGE).until(() -> controllersCalls(env, Verb.WATCH) > watches);
        assertThat(controllersCalls(env, Verb.LIST)).isEqualTo(lists);
    }

    @Test
    void droppedWatchesWithExpiredResourceVersionsGetGoneAndInformersListAgain(HybridEnvironment env, Faults faults,
                                                                               Timeline timeline) {
        long lists = controllersCalls(env, Verb.LIST);

        faults.dropApiWatches(true);

        // The simulated scheduler's node informer gets 410 Gone and lists again.
        await().atMost(CONVERGE).until(() -> controllersCalls(env, Verb.LIST) > lists);
        assertThat(timeline.events(TimelineSource.FAULT)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("410 Gone"));
        // The relisted informers still drive the cluster.
        env.createCluster(NewCluster.of("relisted", 1, "v1.12.3"));
        env.awaitCluster("relisted", ClusterPhase.HEALTHY, CONVERGE);
    }

    /** Requests on nodes by the simulated controllers alone (the operator and the agent also list things). */
    private static long controllersCalls(HybridEnvironment env, Verb verb) {
        return env.cluster().simulated().orElseThrow().api().journal()
                .snapshotFrom(SimulatedCluster.CONTROLLERS_USER_AGENT).count(verb, "nodes");
    }
}
