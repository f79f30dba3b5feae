package io.qdranthybrid.agent;

import io.qdranthybrid.agent.doctor.ControlPlaneReachabilityCheck;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.protocol.message.EnvironmentStatus;
import io.qdranthybrid.protocol.message.PrerequisiteCheck;
import io.qdranthybrid.protocol.message.PrerequisiteVerdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The agent's prerequisites check at start, reported with the environment and kept true as the connection changes. */
class PrerequisitesOnSimulatedClusterTest {

    private static SimulatedCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = SimulatedCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    private static Optional<PrerequisiteCheck> reachability(List<PrerequisiteCheck> checks) {
        return checks.stream().filter(c -> c.name().equals(ControlPlaneReachabilityCheck.NAME)).findFirst();
    }

    @Test
    void aControlPlaneUnreachableAtStartIsReportedReachableOnceTheAgentGetsThrough() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "prereq")) {
            t.controlPlane.crash();
            CloudAgent agent = t.agentBuilder().build();
            try {
                agent.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> reachability(agent.prerequisites())
                        .map(c -> c.verdict() == PrerequisiteVerdict.FAIL).orElse(false));
                assertThat(reachability(agent.prerequisites()).orElseThrow().found()).startsWith("cannot connect to");

                t.controlPlane.restart();

                // Checked again once connected: the environment does not go on reporting a failure that is over.
                await().atMost(Duration.ofSeconds(30)).until(() -> t.controlPlane.environments().stream()
                        .map(EnvironmentStatus::prerequisites).map(PrerequisitesOnSimulatedClusterTest::reachability)
                        .flatMap(Optional::stream).anyMatch(c -> c.verdict() == PrerequisiteVerdict.PASS));
                assertThat(reachability(agent.prerequisites()).orElseThrow().verdict())
                        .isEqualTo(PrerequisiteVerdict.PASS);
            } finally {
                agent.close();
            }
        }
    }
}
