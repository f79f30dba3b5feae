package io.qdranthybrid.harness.junit;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.stack.Faults;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.stack.Interruption;
import io.qdranthybrid.harness.timeline.Timeline;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The example in the README's Test section, kept here so that it keeps compiling and passing. */
@HybridCloudTest
class ReadmeExampleTest {

    @Test
    void scalesWhileTheAgentIsCutOff(HybridEnvironment env, Faults faults, Timeline timeline) {
        env.createCluster(NewCluster.of("orders", 3, "v1.12.3"));
        env.awaitCluster("orders", ClusterPhase.HEALTHY, Duration.ofSeconds(60));
        env.qdrant("orders").seedCollection("docs", 6, 1, 10_000);          // simulated Qdrant nodes
        try (Interruption cut = faults.cutAgentConnection()) {              // or controlPlaneOutage()
            env.controlPlane().clusters().scale(env.id(), "orders", 5);
            timeline.mark("scaled during the cut");
        }
        env.awaitCluster("orders", ClusterPhase.HEALTHY, Duration.ofSeconds(60));
        env.qdrant("orders").assertNoDataLost();

        assertThat(env.qdrant("orders").peerIds()).hasSize(5);
    }
}
