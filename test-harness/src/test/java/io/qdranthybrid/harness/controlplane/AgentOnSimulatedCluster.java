package io.qdranthybrid.harness.controlplane;

import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated cluster per test class and a fresh control plane (fast session terms) per test, with the SDK's real
 * agent started on demand. No operator runs: tests read the custom resources the agent writes and write the status
 * an operator would where they need one.
 */
abstract class AgentOnSimulatedCluster {

    static final Duration WAIT = Duration.ofSeconds(20);
    static SimulatedCluster cluster;

    SimulatedControlPlane controlPlane;
    final List<InProcessAgent> agents = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        cluster = SimulatedCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void startControlPlane() {
        controlPlane = SimulatedControlPlane.start(ControlPlaneSettings.fast());
    }

    @AfterEach
    void stop() {
        agents.forEach(InProcessAgent::close);
        controlPlane.close();
    }

    /** Issues a key and starts an agent with it; closed after the test. */
    InProcessAgent startAgent(String environmentId) {
        InProcessAgent agent = InProcessAgent.start(controlPlane, cluster, environmentId);
        agents.add(agent);
        return agent;
    }

    /** The QdrantCluster {@code qdrant-<id>} as it is in the cluster, null when absent. */
    static QdrantCluster liveCluster(String namespace, String id) {
        return cluster.client().resources(QdrantCluster.class).inNamespace(namespace).withName("qdrant-" + id).get();
    }
}
