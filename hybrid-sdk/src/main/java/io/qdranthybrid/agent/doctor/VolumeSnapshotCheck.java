package io.qdranthybrid.agent.doctor;

import io.qdranthybrid.protocol.message.PrerequisiteCheck;

import java.util.List;
import java.util.Set;

/**
 * Backups are volume snapshots: they need the snapshot CRDs (external-snapshotter), a snapshot controller and a
 * VolumeSnapshotClass for the driver of the clusters' volumes. Without them backups are unavailable, nothing else
 * (Qdrant Hybrid Cloud docs, backups: "some platforms (Linode/LKE, Vultr) have no CSI snapshots").
 */
public final class VolumeSnapshotCheck {

    static final String NAME = "VolumeSnapshotClass (backups)";
    /** The kinds of snapshot.storage.k8s.io/v1 that backups use (github.com/kubernetes-csi/external-snapshotter). */
    static final List<String> SNAPSHOT_RESOURCES = List.of("volumesnapshots", "volumesnapshotcontents",
            "volumesnapshotclasses");
    private static final String INSTALL_SNAPSHOTTER = "install the snapshot CRDs and controller "
            + "(github.com/kubernetes-csi/external-snapshotter) if your CSI driver supports snapshots";

    private VolumeSnapshotCheck() {
    }

    /**
     * @param served             the resources discovery lists for snapshot.storage.k8s.io/v1
     * @param classes            the VolumeSnapshotClasses
     * @param defaultProvisioner the default StorageClass's provisioner, null when unknown
     */
    public static PrerequisiteCheck check(Readout<Set<String>> served, Readout<List<SnapshotClassFacts>> classes,
                                          String defaultProvisioner) {
        if (served instanceof Readout.Found<Set<String>> found) {
            List<String> missing = SNAPSHOT_RESOURCES.stream().filter(r -> !found.value().contains(r)).toList();
            if (!missing.isEmpty()) {
                return PrerequisiteCheck.warn(NAME, "the cluster does not serve snapshot.storage.k8s.io/v1 "
                        + String.join(", ", missing) + ": backups are unavailable", INSTALL_SNAPSHOTTER);
            }
        }
        if (!(classes instanceof Readout.Found<List<SnapshotClassFacts>> found)) {
            return PrerequisiteCheck.warn(NAME, ClusterReadAdvice.cannotCheck("volume snapshot classes",
                    classes.detail()), ClusterReadAdvice.GRANT);
        }
        List<SnapshotClassFacts> all = found.value();
        if (all.isEmpty()) {
            return PrerequisiteCheck.warn(NAME, "no VolumeSnapshotClass: backups are unavailable",
                    "create a VolumeSnapshotClass for your CSI driver"
                            + (defaultProvisioner == null ? "" : " (driver: " + defaultProvisioner + ")"));
        }
        String names = String.join(", ", all.stream().map(c -> c.name() + " (" + c.driver() + ")").toList());
        if (defaultProvisioner != null && all.stream().noneMatch(c -> defaultProvisioner.equals(c.driver()))) {
            return PrerequisiteCheck.warn(NAME, "no VolumeSnapshotClass for driver " + defaultProvisioner
                            + " of the default StorageClass (found " + names + "): backups of its volumes fail",
                    "create a VolumeSnapshotClass with driver: " + defaultProvisioner);
        }
        return PrerequisiteCheck.pass(NAME, names);
    }
}
