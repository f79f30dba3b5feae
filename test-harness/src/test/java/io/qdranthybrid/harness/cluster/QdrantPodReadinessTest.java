package io.qdranthybrid.harness.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.qdranthybrid.harness.kube.controllers.kubelet.KubeletSettings;
import io.qdranthybrid.harness.kube.controllers.machinery.PodState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The kubelet and the simulated Qdrant nodes together: a pod's Ready condition is what its readiness probe gets
 * from its node's {@code /readyz} over HTTP. Like real Qdrant's, that readiness latches: a node cut off from its
 * peers stays Ready (an operator must judge consensus itself), and a crashed one is NotReady until it is back.
 */
class QdrantPodReadinessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private SimulatedCluster cluster;
    private String namespace;

    @BeforeEach
    void startClusterWithThreeQdrantPods() {
        // Probes on a tenth of the pod spec's periods: the same sequence, quicker.
        cluster = SimulatedCluster.start(SimulatedCluster.Settings.defaults()
                .withKubelet(KubeletSettings.defaults().withProbeTimeScale(0.1)));
        namespace = cluster.createNamespace("readiness");
        RenderedQdrantCluster.objects(namespace, "r", 3).forEach(o -> cluster.client().resource(o).create());
        await().atMost(TIMEOUT).until(() -> IntStream.range(0, 3).allMatch(i -> isReady("qdrant-r-" + i)));
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void partitionedQdrantPodStaysReadyAndACrashedOneComesBackReady() {
        cluster.qdrant().partition(namespace, "qdrant-r-1");
        // More readiness probes than the failure threshold, all handled: the partitioned pod never turns NotReady.
        int probed = cluster.qdrant().probesRun(namespace, "qdrant-r-1", "/readyz");
        int threshold = pod("qdrant-r-1").getSpec().getContainers().get(0).getReadinessProbe().getFailureThreshold();
        await().atMost(TIMEOUT).until(() -> cluster.qdrant().probesRun(namespace, "qdrant-r-1", "/readyz") > probed + threshold);
        cluster.awaitControllersSettled();
        assertThat(isReady("qdrant-r-1")).as("the partitioned pod is Ready").isTrue();
        cluster.qdrant().heal(namespace, "qdrant-r-1");
        // Readiness, not liveness: the container was never restarted.
        assertThat(pod("qdrant-r-1").getStatus().getContainerStatuses())
                .allSatisfy(status -> assertThat(status.getRestartCount()).isZero());

        cluster.qdrant().crash(namespace, "qdrant-r-2");
        await().atMost(TIMEOUT).until(() -> !isReady("qdrant-r-2"));
        await().atMost(TIMEOUT).until(() -> isReady("qdrant-r-2"));
    }

    private Pod pod(String name) {
        return cluster.client().pods().inNamespace(namespace).withName(name).get();
    }

    private boolean isReady(String podName) {
        Pod pod = pod(podName);
        return pod != null && PodState.condition(pod, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
    }
}
