package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpecBuilder;

import io.qdranthybrid.operator.policy.PodPolicy;

import java.util.List;
import java.util.Objects;

/**
 * Operator-wide settings a QdrantCluster falls back to when its spec leaves a field unset; the defaults
 * are those of a Qdrant hybrid environment.
 *
 * @param imageRepository      Qdrant image repository, e.g. qdrant/qdrant or a registry mirror
 * @param imagePullPolicy      pull policy when the cluster sets none
 * @param databaseStorageClass StorageClass of database volumes, or null for the cluster's default class
 * @param snapshotStorageClass StorageClass of snapshot volumes, or null for the cluster's default class
 * @param podDisruptionBudget  used when the cluster sets none (hybrid default: maxUnavailable 1)
 * @param spreadOverHosts      spread a cluster's pods over nodes when the cluster sets no constraints
 * @param manageNetworkPolicy  create a NetworkPolicy per cluster
 * @param dnsNamespace         namespace of the cluster DNS, allowed as egress target
 * @param podPolicy            what a QdrantCluster may ask of its pods; a spec it refuses creates nothing
 * @param volumeExpansionMode  grow volumes under running pods (Online) or with each node stopped in turn (Offline)
 */
public record OperatorDefaults(
        String imageRepository,
        String imagePullPolicy,
        String databaseStorageClass,
        String snapshotStorageClass,
        PodDisruptionBudgetSpec podDisruptionBudget,
        boolean spreadOverHosts,
        boolean manageNetworkPolicy,
        String dnsNamespace,
        PodPolicy podPolicy,
        VolumeExpansionMode volumeExpansionMode) {

    /** With online volume expansion. */
    public OperatorDefaults(String imageRepository, String imagePullPolicy, String databaseStorageClass,
                            String snapshotStorageClass, PodDisruptionBudgetSpec podDisruptionBudget,
                            boolean spreadOverHosts, boolean manageNetworkPolicy, String dnsNamespace,
                            PodPolicy podPolicy) {
        this(imageRepository, imagePullPolicy, databaseStorageClass, snapshotStorageClass, podDisruptionBudget,
                spreadOverHosts, manageNetworkPolicy, dnsNamespace, podPolicy, VolumeExpansionMode.ONLINE);
    }

    /** With the default {@link PodPolicy#DEFAULT pod policy}. */
    public OperatorDefaults(String imageRepository, String imagePullPolicy, String databaseStorageClass,
                            String snapshotStorageClass, PodDisruptionBudgetSpec podDisruptionBudget,
                            boolean spreadOverHosts, boolean manageNetworkPolicy, String dnsNamespace) {
        this(imageRepository, imagePullPolicy, databaseStorageClass, snapshotStorageClass, podDisruptionBudget,
                spreadOverHosts, manageNetworkPolicy, dnsNamespace, PodPolicy.DEFAULT);
    }

    public OperatorDefaults {
        Objects.requireNonNull(imageRepository, "imageRepository");
        Objects.requireNonNull(imagePullPolicy, "imagePullPolicy");
        Objects.requireNonNull(podDisruptionBudget, "podDisruptionBudget");
        Objects.requireNonNull(dnsNamespace, "dnsNamespace");
        Objects.requireNonNull(podPolicy, "podPolicy");
        Objects.requireNonNull(volumeExpansionMode, "volumeExpansionMode");
    }

    /** The defaults of a Qdrant hybrid environment. */
    public static OperatorDefaults hybrid() {
        return new OperatorDefaults("qdrant/qdrant", "IfNotPresent", null, null,
                new PodDisruptionBudgetSpecBuilder().withMaxUnavailable(new IntOrString(1)).build(),
                true, true, "kube-system");
    }

    public OperatorDefaults withImageRepository(String repository) {
        return new OperatorDefaults(repository, imagePullPolicy, databaseStorageClass, snapshotStorageClass,
                podDisruptionBudget, spreadOverHosts, manageNetworkPolicy, dnsNamespace, podPolicy, volumeExpansionMode);
    }

    public OperatorDefaults withStorageClasses(String database, String snapshots) {
        return new OperatorDefaults(imageRepository, imagePullPolicy, database, snapshots,
                podDisruptionBudget, spreadOverHosts, manageNetworkPolicy, dnsNamespace, podPolicy, volumeExpansionMode);
    }

    public OperatorDefaults withPodPolicy(PodPolicy policy) {
        return new OperatorDefaults(imageRepository, imagePullPolicy, databaseStorageClass, snapshotStorageClass,
                podDisruptionBudget, spreadOverHosts, manageNetworkPolicy, dnsNamespace, policy, volumeExpansionMode);
    }

    public OperatorDefaults withVolumeExpansionMode(VolumeExpansionMode mode) {
        return new OperatorDefaults(imageRepository, imagePullPolicy, databaseStorageClass, snapshotStorageClass,
                podDisruptionBudget, spreadOverHosts, manageNetworkPolicy, dnsNamespace, podPolicy, mode);
    }

    /** The hybrid default topology spread: at most one pod more per host than on any other, best effort. */
    List<TopologySpreadConstraint> defaultTopologySpread(ClusterNames names) {
        if (!spreadOverHosts) {
            return List.of();
        }
        return List.of(new TopologySpreadConstraintBuilder()
                .withMaxSkew(1)
                .withTopologyKey("kubernetes.io/hostname")
                .withWhenUnsatisfiable("ScheduleAnyway")
                .withNewLabelSelector().withMatchLabels(names.selector()).endLabelSelector()
                .build());
    }
}
