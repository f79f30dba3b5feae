package io.qdranthybrid.harness.sandbox;

import io.fabric8.kubernetes.api.model.Quantity;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.kube.controllers.kubelet.NodePool;

import java.math.BigDecimal;

/**
 * What the sandbox's simulated cluster can hold, said up front: without it, the first sign of a full cluster is a pod
 * Pending forever. Counts Qdrant nodes of the default size per Kubernetes node (the scheduler places whole pods), and
 * ignores the few small system pods. Pure.
 */
final class SandboxCapacity {

    private SandboxCapacity() {
    }

    static NodePool pool(SandboxOptions options) {
        NodePool defaults = NodePool.defaults();
        return new NodePool(defaults.namePrefix(), options.nodes(), options.nodeCpu(), options.nodeMemory(),
                defaults.maxPods(), defaults.instanceType(), defaults.zones(), defaults.kubeletVersion(),
                defaults.taints());
    }

    /** One line for the start-up banner, naming the options that change it. */
    static String describe(NodePool pool) {
        long perNode = Math.min(fits(pool.cpu(), NewCluster.DEFAULT_CPU), fits(pool.memory(), NewCluster.DEFAULT_MEMORY));
        return pool.count() + " nodes of " + pool.cpu() + " CPU and " + pool.memory() + " memory: room for about "
                + perNode * pool.count() + " Qdrant nodes of the default size (" + NewCluster.DEFAULT_CPU + " CPU, "
                + NewCluster.DEFAULT_MEMORY + "); more stay Pending. Change with --nodes, --node-cpu, --node-memory.";
    }

    /** How many whole {@code request}s fit into {@code capacity}. */
    static long fits(String capacity, String request) {
        BigDecimal available = Quantity.getAmountInBytes(new Quantity(capacity));
        BigDecimal asked = Quantity.getAmountInBytes(new Quantity(request));
        return available.divideToIntegralValue(asked).longValue();
    }
}
