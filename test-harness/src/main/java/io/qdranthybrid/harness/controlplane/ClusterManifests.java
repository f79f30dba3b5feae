package io.qdranthybrid.harness.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.QdrantConfiguration;
import io.qdranthybrid.crd.Resources;

import java.util.Map;

/**
 * The QdrantCluster custom resources the control plane sends, as the operator expects them: named
 * {@code qdrant-<id>}, labelled {@code cluster-id} and {@code customer-id}, {@code spec.id} the cluster id. Pure.
 */
final class ClusterManifests {

    static final String NAME_PREFIX = "qdrant-";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ClusterManifests() {
    }

    static String clusterName(String clusterId) {
        return NAME_PREFIX + clusterId;
    }

    /** The cluster id of a {@code qdrant-<id>} object name (a name without the prefix is returned as it is). */
    static String clusterIdOf(String name) {
        return name.startsWith(NAME_PREFIX) ? name.substring(NAME_PREFIX.length()) : name;
    }

    /** @throws InvalidRequestException when {@code config} is not a Qdrant configuration object */
    static QdrantCluster newCluster(NewCluster request, String namespace, String customerId) {
        QdrantCluster cluster = new QdrantCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName(clusterName(request.id())).withNamespace(namespace)
                .withLabels(Map.of(QdrantApi.Labels.CLUSTER_ID, request.id(), QdrantApi.Labels.CUSTOMER_ID, customerId))
                .build());
        QdrantClusterSpec spec = new QdrantClusterSpec();
        spec.setId(request.id());
        spec.setSize(request.nodes());
        spec.setVersion(request.version());
        Resources resources = new Resources();
        resources.setCpu(request.cpu());
        resources.setMemory(request.memory());
        resources.setStorage(request.storage());
        spec.setResources(resources);
        if (request.config() != null && !request.config().isNull()) {
            spec.setConfig(config(request.config()));
        }
        cluster.setSpec(spec);
        return cluster;
    }

    /** @throws InvalidRequestException naming what does not fit the QdrantCluster {@code spec.config} schema */
    static QdrantConfiguration config(JsonNode config) {
        if (config == null || !config.isObject()) {
            throw new InvalidRequestException("config must be a JSON object (the QdrantCluster spec.config), got "
                    + (config == null ? "nothing" : config.getNodeType().toString().toLowerCase()));
        }
        try {
            return SERIALIZATION.convertValue(config, QdrantConfiguration.class);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("config does not fit the QdrantCluster spec.config schema: "
                    + firstLine(e.getMessage()));
        }
    }

    static JsonNode toJson(Object resource) {
        return SERIALIZATION.convertValue(resource, JsonNode.class);
    }

    static QdrantCluster fromJson(JsonNode manifest) {
        return SERIALIZATION.convertValue(manifest, QdrantCluster.class);
    }

    /** A deep copy to change without touching the original. */
    static QdrantCluster copy(QdrantCluster cluster) {
        return fromJson(toJson(cluster));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
