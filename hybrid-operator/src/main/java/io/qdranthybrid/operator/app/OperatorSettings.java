package io.qdranthybrid.operator.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * Operator configuration ({@code qdrant.operator.*} in application.yml, or {@code QDRANT_OPERATOR_*} environment
 * variables). Everything has a default that suits a hybrid environment.
 *
 * @param namespace            namespace to manage; defaults to the pod's own (POD_NAMESPACE, or the service account's
 *                             namespace in a pod), else the kubeconfig context's namespace, else "default"
 * @param kubeconfig           path of a kubeconfig; unset means in-cluster, then ~/.kube/config
 * @param imageRepository      Qdrant image repository (a registry mirror, say)
 * @param imagePullPolicy      pull policy when a cluster sets none
 * @param databaseStorageClass StorageClass of database volumes; unset means the cluster's default class
 * @param snapshotStorageClass StorageClass of snapshot volumes
 * @param volumeSnapshotClass  VolumeSnapshotClass for backups when a cluster names none
 * @param volumeExpansionMode  {@code Online} grows volumes under running pods; {@code Offline} stops one node at a
 *                             time to grow its volumes, for storage drivers that only grow unused volumes (Azure disks)
 * @param maxUnavailable       default PodDisruptionBudget maxUnavailable
 * @param manageNetworkPolicy  create a NetworkPolicy per cluster
 * @param workers              clusters reconciled concurrently
 * @param maxConcurrentTransfers shard transfers in flight per cluster while draining
 * @param qdrantTimeout        timeout of calls to Qdrant nodes
 * @param statusPacing         how long a status change that only mirrors the nodes may wait for the next write
 * @param leaderElection       elect a leader on a Lease so several replicas can run
 * @param leaseName            name of that Lease
 */
@ConfigurationProperties("qdrant.operator")
public record OperatorSettings(
        @Nullable String namespace,
        @Nullable String kubeconfig,
        @Bindable(defaultValue = "qdrant/qdrant") String imageRepository,
        @Bindable(defaultValue = "IfNotPresent") String imagePullPolicy,
        @Nullable String databaseStorageClass,
        @Nullable String snapshotStorageClass,
        @Bindable(defaultValue = "csi-snapclass") String volumeSnapshotClass,
        @Bindable(defaultValue = "Online") String volumeExpansionMode,
        @Bindable(defaultValue = "1") int maxUnavailable,
        @Bindable(defaultValue = "true") boolean manageNetworkPolicy,
        @Bindable(defaultValue = "4") int workers,
        @Bindable(defaultValue = "2") int maxConcurrentTransfers,
        @Bindable(defaultValue = "5s") Duration qdrantTimeout,
        @Bindable(defaultValue = "10s") Duration statusPacing,
        @Bindable(defaultValue = "true") boolean leaderElection,
        @Bindable(defaultValue = "qdrant-hybrid-operator") String leaseName) {

    /**
     * The namespace to manage as far as the settings tell: configured, else the pod's own (POD_NAMESPACE); null leaves
     * it to the client's configuration (the kubeconfig context's or service account's namespace, else "default").
     */
    @Nullable
    public String configuredNamespace() {
        if (namespace != null && !namespace.isBlank()) {
            return namespace;
        }
        String podNamespace = System.getenv("POD_NAMESPACE");
        return podNamespace == null || podNamespace.isBlank() ? null : podNamespace;
    }
}
