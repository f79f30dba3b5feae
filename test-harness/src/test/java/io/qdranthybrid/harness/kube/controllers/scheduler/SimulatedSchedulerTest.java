package io.qdranthybrid.harness.kube.controllers.scheduler;

import io.qdranthybrid.harness.kube.controllers.machinery.ControllersSettled;
import io.qdranthybrid.harness.kube.controllers.kubelet.NodePool;
import io.qdranthybrid.harness.kube.controllers.machinery.PodState;
import io.qdranthybrid.harness.kube.controllers.SimulatedControllerTestCluster;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.qdranthybrid.harness.kube.controllers.SimulatedControllerTestCluster.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SimulatedSchedulerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(8);

    private SimulatedControllerTestCluster cluster;

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    private static PodBuilder pod(String name) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("example/app:1").endContainer().endSpec();
    }

    private void create(Pod pod) {
        cluster.client.resource(pod).create();
    }

    private String nodeOf(String podName) {
        Pod pod = cluster.pod(podName);
        return pod == null ? null : pod.getSpec().getNodeName();
    }

    private PodCondition scheduledCondition(String podName) {
        return PodState.condition(cluster.pod(podName), "PodScheduled").orElse(null);
    }

    @Test
    void nodesAreRegisteredWithCapacityZonesAndKubeletVersion() {
        cluster = new SimulatedControllerTestCluster();

        List<Node> nodes = cluster.client.nodes().list().getItems();

        assertThat(nodes).extracting(n -> n.getMetadata().getName()).containsExactlyInAnyOrder("k3s-sim-1", "k3s-sim-2", "k3s-sim-3");
        assertThat(nodes).extracting(n -> n.getMetadata().getLabels().get("topology.kubernetes.io/zone"))
                .containsExactlyInAnyOrder("zone-a", "zone-b", "zone-c");
        Node node = cluster.client.nodes().withName("k3s-sim-1").get();
        assertThat(node.getMetadata().getLabels()).containsEntry("kubernetes.io/hostname", "k3s-sim-1")
                .containsEntry("node.kubernetes.io/instance-type", "k3s.simulated");
        assertThat(node.getStatus().getAllocatable()).containsEntry("cpu", new Quantity("4"))
                .containsEntry("memory", new Quantity("16Gi")).containsEntry("pods", new Quantity("110"));
        assertThat(node.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.31.4+k3s1");
        assertThat(isReady(node)).isTrue();
    }

    @Test
    void pausedSchedulerBindsNothingUntilResumed() {
        cluster = new SimulatedControllerTestCluster();
        cluster.scheduler.pause();
        create(pod("held-0").build());
        create(pod("held-1").build());

        ControllersSettled.awaitSeen(cluster.api, cluster.scheduler);
        assertThat(cluster.scheduler.queuedKeys()).as("pods the paused scheduler holds").isEqualTo(2);
        assertThat(nodeOf("held-0")).isNull();
        assertThat(nodeOf("held-1")).isNull();

        cluster.scheduler.resume();

        await().atMost(TIMEOUT).until(() -> nodeOf("held-0") != null && nodeOf("held-1") != null);
        assertThat(nodeOf("held-0")).isNotEqualTo(nodeOf("held-1")); // the backlog is still spread, not piled up
    }

    @Test
    void podsSpreadOverTheLeastLoadedNodes() {
        cluster = new SimulatedControllerTestCluster();
        for (int i = 0; i < 6; i++) {
            create(pod("p-" + i).build());
        }

        await().atMost(TIMEOUT).until(() -> cluster.client.pods().list().getItems().stream()
                .allMatch(p -> p.getSpec().getNodeName() != null));
        Map<String, Long> perNode = cluster.client.pods().list().getItems().stream()
                .collect(Collectors.groupingBy(p -> p.getSpec().getNodeName(), Collectors.counting()));
        assertThat(perNode).containsOnly(Map.entry("k3s-sim-1", 2L), Map.entry("k3s-sim-2", 2L), Map.entry("k3s-sim-3", 2L));
    }

    @Test
    void podWhoseNodeSelectorMatchesNoNodeIsUnschedulableUntilANodeMatches() {
        cluster = new SimulatedControllerTestCluster();
        create(pod("picky").editSpec().addToNodeSelector("disktype", "ssd").endSpec().build());

        await().atMost(TIMEOUT).until(() -> scheduledCondition("picky") != null);
        PodCondition condition = scheduledCondition("picky");
        assertThat(condition.getStatus()).isEqualTo("False");
        assertThat(condition.getReason()).isEqualTo("Unschedulable");
        assertThat(condition.getMessage()).isEqualTo("0/3 nodes are available: 3 node(s) didn't match Pod's node "
                + "affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
        assertThat(nodeOf("picky")).isNull();

        cluster.client.nodes().withName("k3s-sim-2").edit(n -> {
            n.getMetadata().getLabels().put("disktype", "ssd");
            return n;
        });

        await().atMost(TIMEOUT).until(() -> "k3s-sim-2".equals(nodeOf("picky")));
        await().atMost(TIMEOUT).until(() -> cluster.isReady("picky"));
        assertThat(scheduledCondition("picky").getStatus()).isEqualTo("True");
    }

    @Test
    void taintedNodesOnlyTakePodsThatTolerateTheTaint() {
        cluster = new SimulatedControllerTestCluster(NodePool.defaults().withTaints(List.of(new TaintBuilder()
                .withKey("dedicated").withValue("qdrant").withEffect("NoSchedule").build())));
        create(pod("intolerant").build());
        create(pod("tolerant").editSpec().addNewToleration().withKey("dedicated").withOperator("Equal")
                .withValue("qdrant").withEffect("NoSchedule").endToleration().endSpec().build());

        await().atMost(TIMEOUT).until(() -> nodeOf("tolerant") != null && scheduledCondition("intolerant") != null);
        assertThat(scheduledCondition("intolerant").getMessage())
                .startsWith("0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: qdrant}.");
        assertThat(nodeOf("intolerant")).isNull();
    }

    @Test
    void aFullNodeTakesNoMorePodsUntilOneLeaves() {
        cluster = new SimulatedControllerTestCluster(NodePool.defaults().withCount(1).withMaxPods(1));
        create(pod("first").build());
        await().atMost(TIMEOUT).until(() -> nodeOf("first") != null);
        create(pod("second").build());

        await().atMost(TIMEOUT).until(() -> scheduledCondition("second") != null);
        assertThat(scheduledCondition("second").getMessage()).startsWith("0/1 nodes are available: 1 Too many pods.");

        cluster.client.pods().withName("first").delete();

        await().atMost(TIMEOUT).until(() -> "k3s-sim-1".equals(nodeOf("second")));
    }

    private static boolean isReady(Node node) {
        return node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
