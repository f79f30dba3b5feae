package io.qdranthybrid.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;

/** Desired resources as the control plane would send them. */
final class Manifests {

    static final ObjectMapper JSON = new ObjectMapper();

    private Manifests() {
    }

    static ObjectNode qdrantCluster(String name, int size) {
        ObjectNode manifest = JSON.createObjectNode().put("apiVersion", "qdrant.io/v1").put("kind", "QdrantCluster");
        manifest.putObject("metadata").put("name", name);
        manifest.putObject("spec").put("id", name.replaceFirst("^qdrant-", "")).put("version", "v1.13.0").put("size", size);
        return manifest;
    }

    static ObjectNode manifest(String apiVersion, String kind, String name) {
        ObjectNode manifest = JSON.createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
        manifest.putObject("metadata").put("name", name);
        return manifest;
    }

    static ObjectNode helmRepository() {
        ObjectNode manifest = manifest("cd.qdrant.io/v1", "HelmRepository", "qdrant-cloud");
        manifest.putObject("spec").put("url", "oci://registry.cloud.qdrant.io/qdrant-charts").put("type", "oci")
                .put("interval", "10m");
        return manifest;
    }

    static ObjectNode helmRelease(String name, String chartVersion) {
        ObjectNode manifest = manifest("cd.qdrant.io/v2", "HelmRelease", name);
        ObjectNode spec = manifest.putObject("spec").put("interval", "5m");
        spec.putObject("chart").putObject("spec").put("chart", name).put("version", chartVersion)
                .putObject("sourceRef").put("kind", "HelmRepository").put("name", "qdrant-cloud");
        spec.putObject("values").put("logLevel", "INFO");
        return manifest;
    }

    static DesiredResource resource(ResourceKind kind, String namespace, String name, long revision, JsonNode manifest) {
        return DesiredResource.present(new ResourceKey(kind, namespace, name), revision, manifest);
    }

    static DesiredResource cluster(String namespace, String name, long revision, int size) {
        return resource(ResourceKind.CLUSTER, namespace, name, revision, qdrantCluster(name, size));
    }
}
