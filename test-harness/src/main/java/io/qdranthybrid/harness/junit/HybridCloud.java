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
            return new HybridCloud(cluster, SimulatedControlPlane.start(controlPlaneSettings(settings)));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * The fast terms, and the staleness window asked for; contact with a connected agent is then recorded well within
     * that window, or a connected agent would read as silent.
     */
    private static ControlPlaneSettings controlPlaneSettings(HybridCloudTest settings) {
        ControlPlaneSettings fast = ControlPlaneSettings.fast();
        java.time.Duration window = java.time.Duration.ofSeconds(settings.stalenessWindowSeconds());
        if (window.equals(fast.silenceWindow())) {
            return fast;
        }
        java.time.Duration contactRecord = window.dividedBy(4);
        return fast.withSilenceWindow(window).withSessions(fast.sessions().withContactRecordInterval(
                contactRecord.compareTo(fast.sessions().contactRecordInterval()) < 0 ? contactRecord
                        : fast.sessions().contactRecordInterval()));
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
