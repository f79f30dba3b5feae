package io.qdranthybrid.agent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.protocol.client.QueryRefusedException;
import io.qdranthybrid.protocol.message.QueryError;

import java.util.Comparator;
import java.util.List;

/**
 * The QdrantCluster of a cluster id in the agent's namespace and the pods that are its nodes: what the on-request
 * queries may read, and nothing else. A node is a pod labelled with the cluster id and {@code app=qdrant} and run by
 * a StatefulSet, so a query can never be pointed at an arbitrary pod of the namespace.
 */
final class ClusterPods {

    private final KubernetesClient client;
    private final String namespace;

    ClusterPods(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** @throws QueryRefusedException NOT_FOUND when no QdrantCluster of that id is managed in this namespace */
    GenericKubernetesResource cluster(String clusterId) {
        List<GenericKubernetesResource> found = client.genericKubernetesResources(ManagedKind.QDRANT_CLUSTER.context())
                .inNamespace(namespace).withLabel(QdrantApi.Labels.CLUSTER_ID, clusterId).list().getItems();
        if (found.isEmpty()) {
            throw new QueryRefusedException(QueryError.Code.NOT_FOUND, "no QdrantCluster with cluster id " + clusterId
                    + " in namespace " + namespace);
        }
        return found.get(0);
    }

    /** The cluster's nodes by name; the cluster must exist. */
    List<Pod> nodes(String clusterId) {
        cluster(clusterId);
        return client.pods().inNamespace(namespace).withLabel(QdrantApi.Labels.CLUSTER_ID, clusterId)
                .withLabel(QdrantApi.Labels.APP, QdrantApi.Labels.APP_QDRANT).list().getItems().stream()
                .filter(ClusterPods::runByStatefulSet)
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .toList();
    }

    /** @throws QueryRefusedException NOT_FOUND naming the cluster's nodes when {@code node} is not one of them */
    Pod node(String clusterId, String node) {
        List<Pod> nodes = nodes(clusterId);
        return nodes.stream().filter(p -> p.getMetadata().getName().equals(node)).findFirst()
                .orElseThrow(() -> new QueryRefusedException(QueryError.Code.NOT_FOUND, "node " + node
                        + " is not a node of cluster " + clusterId + "; its nodes are "
                        + nodes.stream().map(p -> p.getMetadata().getName()).toList()));
    }

    private static boolean runByStatefulSet(Pod pod) {
        List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
        return owners != null && owners.stream().anyMatch(o -> "StatefulSet".equals(o.getKind())
                && Boolean.TRUE.equals(o.getController()));
    }
}
