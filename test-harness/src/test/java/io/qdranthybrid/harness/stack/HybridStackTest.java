package io.qdranthybrid.harness.stack;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.Resources;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.kube.controllers.KubeletSettings;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.harness.timeline.TimelineEvent;
import io.qdranthybrid.harness.timeline.TimelineSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The operator half of the stack on the simulated cluster: restarts, the namespace timeline, teardown. */
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
    void operatorRestartedWhileTheClusterIsCreatedStillBringsItToHealthy() {
        String namespace = cluster.cluster().createNamespace("stack");
        Timeline timeline = new Timeline("restart");
        try (HybridStack stack = HybridStack.start(cluster, namespace, cluster.defaultSettings(), timeline)) {
            createCluster(namespace, "a", 3);
            await().atMost(CONVERGE).until(() -> timeline.first(e -> e.source() == TimelineSource.POD
                    && e.event().equals("created")).isPresent());

            stack.restartOperator();

            await().atMost(CONVERGE).until(() -> timeline.first(e -> e.is(TimelineSource.RESOURCE,
                    "QdrantCluster/qdrant-a", "phase", "Healthy")).isPresent());
            assertThat(timeline.events(TimelineSource.OPERATOR)).extracting(TimelineEvent::event)
                    .containsExactly("started", "stopped", "started");
            assertThat(timeline.events(TimelineSource.POD)).filteredOn(e -> e.detail().equals("Ready"))
                    .extracting(TimelineEvent::subject).contains("Pod/qdrant-a-0", "Pod/qdrant-a-1", "Pod/qdrant-a-2");
        } finally {
            NamespaceTeardown.deleteEverything(cluster.cluster(), namespace, CONVERGE);
        }
    }

    @Test
    void teardownLeavesNoPodsClaimsOrQdrantNodesBehind() {
        String namespace = cluster.cluster().createNamespace("teardown");
        Timeline timeline = new Timeline("teardown");
        try (HybridStack stack = HybridStack.start(cluster, namespace, cluster.defaultSettings(), timeline)) {
            createCluster(namespace, "b", 2);
            await().atMost(CONVERGE).until(() -> timeline.first(e -> e.is(TimelineSource.RESOURCE,
                    "QdrantCluster/qdrant-b", "phase", "Healthy")).isPresent());
        }

        assertThat(NamespaceTeardown.deleteEverything(cluster.cluster(), namespace, CONVERGE)).isTrue();

        SimulatedCluster simulated = cluster.simulated().orElseThrow();
        assertThat(simulated.client().pods().inNamespace(namespace).list().getItems()).isEmpty();
        assertThat(simulated.client().persistentVolumeClaims().inNamespace(namespace).list().getItems()).isEmpty();
        assertThat(simulated.client().resources(QdrantCluster.class).inNamespace(namespace).list().getItems())
                .isEmpty();
        assertThat(simulated.qdrantEndpoint(namespace, "qdrant-b-0")).isEmpty();
        await().atMost(CONVERGE).until(() -> simulated.client().namespaces().withName(namespace).get() == null);
    }

    private static void createCluster(String namespace, String id, int size) {
        QdrantCluster qc = new QdrantCluster();
        qc.setMetadata(new ObjectMetaBuilder().withName("qdrant-" + id).withNamespace(namespace)
                .withLabels(Map.of("cluster-id", id, "customer-id", "acme")).build());
        QdrantClusterSpec spec = new QdrantClusterSpec();
        spec.setId(id);
        spec.setVersion("v1.12.3");
        spec.setSize(size);
        Resources resources = new Resources();
        resources.setCpu("500m");
        resources.setMemory("1Gi");
        resources.setStorage("10Gi");
        spec.setResources(resources);
        qc.setSpec(spec);
        cluster.cluster().client().resource(qc).inNamespace(namespace).create();
    }
}
