package io.qdranthybrid.harness.junit;

import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.controlplane.ControlPlaneSettings;
import io.qdranthybrid.harness.controlplane.SimulatedControlPlane;
import io.qdranthybrid.harness.kube.controllers.kubelet.KubeletSettings;
import io.qdranthybrid.harness.kube.controllers.kubelet.NodePool;
import io.qdranthybrid.harness.stack.StackCluster;

/** What a test class shares: the control plane and the cluster, started once because neither starts for free. */
final class HybridCloud implements AutoCloseable {

    private final StackCluster cluster;
    private final SimulatedControlPlane controlPlane;

    private HybridCloud(StackCluster cluster, SimulatedControlPlane controlPlane) {
        this.cluster = cluster;
        this.controlPlane = controlPlane;
    }

    static HybridCloud start(HybridCloudTest settings) {
        StackCluster cluster = settings.cluster() == ClusterKind.K3S ? StackCluster.k3s()
                : StackCluster.simulated(SimulatedCluster.Settings.defaults()
                        .withNodes(NodePool.defaults().withCount(settings.nodes()))
                        .withKubelet(KubeletSettings.defaults().withProbeTimeScale(settings.probeTimeScale())));
        try {
            return new HybridCloud(cluster, SimulatedControlPlane.start(ControlPlaneSettings.fast()));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    StackCluster cluster() {
        return cluster;
    }

    SimulatedControlPlane controlPlane() {
        return controlPlane;
    }

    /** The control plane first, since it was started last. */
    @Override
    public void close() {
        try {
            controlPlane.close();
        } finally {
            cluster.close();
        }
    }
}
