package io.qdranthybrid.harness.kube.controllers.scheduler;

import io.qdranthybrid.harness.kube.controllers.kubelet.NodePool;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NodeFitTest {

    private static final Node NODE = NodePool.defaults().nodes().get(0);

    private static PodBuilder pod() {
        return new PodBuilder().withNewMetadata().withName("p").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("i").endContainer().endSpec();
    }

    @Test
    void requiredNodeAffinityIsMatchedAgainstNodeLabels() {
        Pod inZoneA = pod().editSpec().withNewAffinity().withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm()
                .addNewMatchExpression().withKey("topology.kubernetes.io/zone").withOperator("In")
                .withValues("zone-a").endMatchExpression().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec().build();
        Pod notInZoneA = new PodBuilder(inZoneA).editSpec().editAffinity().editNodeAffinity()
                .editRequiredDuringSchedulingIgnoredDuringExecution().editFirstNodeSelectorTerm().editFirstMatchExpression()
                .withOperator("NotIn").endMatchExpression().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec().build();

        assertThat(NodeFit.check(inZoneA, NODE, NodeFit.NodeLoad.EMPTY)).isEmpty();
        assertThat(NodeFit.check(notInZoneA, NODE, NodeFit.NodeLoad.EMPTY))
                .hasValue("node(s) didn't match Pod's node affinity/selector");
    }

    @Test
    void anExistsTolerationWithoutKeyToleratesEveryTaint() {
        Node tainted = new NodeBuilder(NODE).editSpec().withTaints(new TaintBuilder().withKey("a").withValue("b")
                .withEffect("NoExecute").build()).endSpec().build();

        assertThat(NodeFit.check(pod().build(), tainted, NodeFit.NodeLoad.EMPTY))
                .hasValue("node(s) had untolerated taint {a: b}");
        assertThat(NodeFit.check(pod().editSpec().addNewToleration().withOperator("Exists").endToleration().endSpec()
                .build(), tainted, NodeFit.NodeLoad.EMPTY)).isEmpty();
    }

    @Test
    void preferNoScheduleTaintsDoNotFilter() {
        Node tainted = new NodeBuilder(NODE).editSpec().withTaints(new TaintBuilder().withKey("a")
                .withEffect("PreferNoSchedule").build()).endSpec().build();

        assertThat(NodeFit.check(pod().build(), tainted, NodeFit.NodeLoad.EMPTY)).isEmpty();
    }

    @Test
    void requestsBeyondAllocatableCpuAreRejected() {
        Pod big = pod().editSpec().editFirstContainer().withNewResources()
                .withRequests(Map.of("cpu", new Quantity("1500m"), "memory", new Quantity("1Gi"))).endResources()
                .endContainer().endSpec().build();
        NodeFit.NodeLoad threeCores = new NodeFit.NodeLoad(3, new BigDecimal("3"), BigDecimal.ZERO);

        assertThat(NodeFit.check(big, NODE, NodeFit.NodeLoad.EMPTY)).isEmpty();
        assertThat(NodeFit.check(big, NODE, threeCores)).hasValue("Insufficient cpu");
    }

    @Test
    void unschedulableMessageListsReasonsLikeTheScheduler() {
        assertThat(SimulatedScheduler.unschedulableMessage(3, Map.of("Insufficient cpu", 1,
                "node(s) didn't match Pod's node affinity/selector", 2)))
                .isEqualTo("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node "
                        + "affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
        assertThat(SimulatedScheduler.unschedulableMessage(0, Map.of())).isEqualTo("no nodes available to schedule pods");
    }
}
