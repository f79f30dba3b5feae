package io.qdranthybrid.harness.cluster;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.qdranthybrid.harness.kube.CustomResourceDefinitions;

import java.util.ArrayList;
import java.util.List;

/**
 * The CustomResourceDefinitions a real install of qdrant-hybrid needs in its cluster, read from the files a user
 * applies: the qdrant.io/v1 CRDs ({@code crds/}, the same files as in the hybrid-sdk jar), the CSI
 * external-snapshotter's snapshot.storage.k8s.io/v1 CRDs (which a cluster with snapshot-capable storage has), and
 * the cd.qdrant.io Helm CRDs the agent writes component releases as ({@code deploy/kustomize/helm-crds}).
 */
public final class ClusterCrds {

    private static final String DIRECTORY = "io/qdranthybrid/harness/crds/";

    private ClusterCrds() {
    }

    /** The qdrant.io/v1 CRDs of the kinds the operator and agent use (not the optional auth and routing ones). */
    public static List<CustomResourceDefinition> qdrant() {
        return QdrantCrds.load();
    }

    /** VolumeSnapshot, VolumeSnapshotContent and VolumeSnapshotClass, as kubernetes-csi/external-snapshotter ships them. */
    public static List<CustomResourceDefinition> volumeSnapshots() {
        return read("snapshot.storage.k8s.io_volumesnapshotclasses.yaml",
                "snapshot.storage.k8s.io_volumesnapshotcontents.yaml", "snapshot.storage.k8s.io_volumesnapshots.yaml");
    }

    /** HelmRelease (cd.qdrant.io/v2) and HelmRepository (cd.qdrant.io/v1), as deploy/ ships them. */
    public static List<CustomResourceDefinition> helm() {
        return read("helmreleases.cd.qdrant.io.yaml", "helmrepositories.cd.qdrant.io.yaml");
    }

    /** Everything a real install has: snapshot CRDs, qdrant.io CRDs and, when asked for, the Helm CRDs. */
    public static List<CustomResourceDefinition> realInstall(boolean withHelmCrds) {
        List<CustomResourceDefinition> all = new ArrayList<>(volumeSnapshots());
        all.addAll(qdrant());
        if (withHelmCrds) {
            all.addAll(helm());
        }
        return all;
    }

    private static List<CustomResourceDefinition> read(String... files) {
        List<CustomResourceDefinition> crds = new ArrayList<>();
        for (String file : files) {
            crds.add(CustomResourceDefinitions.fromResource(DIRECTORY + file));
        }
        return List.copyOf(crds);
    }
}
