package io.qdranthybrid.harness.stack;

import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.kube.controllers.kubelet.KubeletSettings;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.harness.timeline.TimelineEvent;
import io.qdranthybrid.harness.timeline.TimelineSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator half of the stack without a control plane (a QdrantCluster written directly), and the teardown that
 * follows every test: nothing of the namespace may outlive it, least of all a simulated Qdrant node.
 */
class HybridStackTest {

    private static final Duration CONVERGE = Duration.ofSeconds(60);
    private static StackCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = StackCluster.simulated(SimulatedCluster.Settings.defaults()
                .withKubelet(KubeletSettings.defaults().withProbeTimeScale(0.1)));
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void teardownLeavesNoPodsClaimsOrQdrantNodesBehind() {
        String namespace = cluster.cluster().createNamespace("teardown");
        Timeline timeline = new Timeline("teardown");
        HybridStack stack = HybridStack.start(cluster, namespace, cluster.defaultSettings(), timeline);
        try {
            cluster.cluster().client().resource(NewCluster.of("b", 2, "v1.12.3").toQdrantCluster(namespace, "acme"))
                    .create();
            await().atMost(CONVERGE).until(() -> timeline.first(e -> e.is(TimelineSource.RESOURCE,
                    "QdrantCluster/qdrant-b", "phase", "Healthy")).isPresent());
        } finally {
            stack.close();
        }

        assertThat(NamespaceTeardown.deleteEverything(cluster.cluster(), namespace, CONVERGE)).isTrue();

        SimulatedCluster simulated = cluster.simulated().orElseThrow();
        assertThat(simulated.client().pods().inNamespace(namespace).list().getItems()).isEmpty();
        assertThat(simulated.client().persistentVolumeClaims().inNamespace(namespace).list().getItems()).isEmpty();
        assertThat(simulated.client().resources(QdrantCluster.class).inNamespace(namespace).list().getItems())
                .isEmpty();
        assertThat(simulated.qdrantEndpoint(namespace, "qdrant-b-0")).isEmpty();
        assertThat(simulated.client().namespaces().withName(namespace).get()).isNull();
        assertThat(timeline.events(TimelineSource.POD)).filteredOn(e -> e.detail().equals("Ready"))
                .extracting(TimelineEvent::subject).containsExactlyInAnyOrder("Pod/qdrant-b-0", "Pod/qdrant-b-1");
        assertThat(timeline.events(TimelineSource.OPERATOR)).extracting(TimelineEvent::event)
                .containsExactly("started", "stopped");
    }
}
