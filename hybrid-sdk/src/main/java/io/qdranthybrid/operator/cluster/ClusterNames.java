package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.QdrantApi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names and labels of everything the operator creates for one cluster id, as the real operator names
 * them, so scripts and support tools written for it find our objects.
 */
public record ClusterNames(String id) {

    /** Label that marks objects this operator manages. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String OPERATOR = "qdrant-hybrid-operator";
    /** Label the StatefulSet controller puts on each pod. */
    public static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";

    public String statefulSet() {
        return "qdrant-" + id;
    }

    public String headlessService() {
        return "qdrant-headless-" + id;
    }

    public String clientService() {
        return "qdrant-" + id;
    }

    public String configMap() {
        return "qdrant-" + id;
    }

    public String podDisruptionBudget() {
        return "qdrant-" + id;
    }

    public String networkPolicy() {
        return "qdrant-" + id;
    }

    public String ingress() {
        return "qdrant-" + id;
    }

    public String pod(int index) {
        return statefulSet() + "-" + index;
    }

    /** Per-node Services carry the pod's name. */
    public String nodeService(int index) {
        return pod(index);
    }

    public String databaseClaimTemplate() {
        return "qdrant-storage";
    }

    public String snapshotsClaimTemplate() {
        return "qdrant-snapshots";
    }

    /** The PVC the StatefulSet creates for a node's database volume. */
    public String databaseClaim(int index) {
        return databaseClaimTemplate() + "-" + pod(index);
    }

    public String snapshotsClaim(int index) {
        return snapshotsClaimTemplate() + "-" + pod(index);
    }

    /** DNS name of a node inside the namespace, used for peer-to-peer URIs. */
    public String nodeHost(int index) {
        return pod(index) + "." + headlessService();
    }

    /** Labels that select the cluster's pods; also the scale subresource's selector. */
    public Map<String, String> selector() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(QdrantApi.Labels.APP, QdrantApi.Labels.APP_QDRANT);
        labels.put(QdrantApi.Labels.CLUSTER_ID, id);
        return labels;
    }

    /** {@link #selector()} as a label selector string for {@code status.selector}. */
    public String selectorString() {
        return QdrantApi.Labels.APP + "=" + QdrantApi.Labels.APP_QDRANT + "," + QdrantApi.Labels.CLUSTER_ID + "=" + id;
    }

    /** Labels on every object of the cluster. */
    public Map<String, String> labels() {
        Map<String, String> labels = selector();
        labels.put(MANAGED_BY, OPERATOR);
        return labels;
    }
}
