package io.qdranthybrid.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.operator.backup.BackupNames;
import io.qdranthybrid.operator.cluster.ClusterNames;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What exists in Kubernetes for one cluster, read with an admin client: the ground truth behind the views. */
final class ClusterInKubernetes {

    private final KubernetesClient client;
    private final String namespace;
    private final ClusterNames names;

    private ClusterInKubernetes(KubernetesClient client, String namespace, String clusterId) {
        this.client = client;
        this.namespace = namespace;
        this.names = new ClusterNames(clusterId);
    }

    static ClusterInKubernetes of(HybridEnvironment env, String clusterId) {
        return new ClusterInKubernetes(env.client(), env.namespace(), clusterId);
    }

    /** The QdrantCluster the agent wrote, named as the control plane names it. */
    Optional<QdrantCluster> resource() {
        return Optional.ofNullable(client.resources(QdrantCluster.class).inNamespace(namespace)
                .withName(BackupNames.clusterName(names.id())).get());
    }

    List<Pod> pods() {
        return client.pods().inNamespace(namespace).withLabels(names.selector()).list().getItems();
    }

    /** Names of the cluster's pods that are Ready now. */
    List<String> readyPods() {
        return pods().stream().filter(ClusterInKubernetes::isReady).map(pod -> pod.getMetadata().getName()).sorted()
                .toList();
    }

    Optional<StatefulSet> statefulSet() {
        return Optional.ofNullable(client.apps().statefulSets().inNamespace(namespace)
                .withName(names.statefulSet()).get());
    }

    /** The uid of node {@code ordinal}'s database volume claim: the same uid means the same volume, kept. */
    Optional<String> databaseClaimUid(int ordinal) {
        return Optional.ofNullable(client.persistentVolumeClaims().inNamespace(namespace)
                .withName(names.databaseClaim(ordinal)).get()).map(claim -> claim.getMetadata().getUid());
    }

    /** The objects the operator made for the cluster, found by its labels; volumes are not among them. */
    List<HasMetadata> ownedObjects() {
        return Stream.<List<? extends HasMetadata>>of(
                        client.apps().statefulSets().inNamespace(namespace).withLabels(names.selector()).list().getItems(),
                        client.services().inNamespace(namespace).withLabels(names.selector()).list().getItems(),
                        client.configMaps().inNamespace(namespace).withLabels(names.selector()).list().getItems(),
                        pods())
                .flatMap(List::stream).map(HasMetadata.class::cast).toList();
    }

    static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
