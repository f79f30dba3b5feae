package io.qdranthybrid.harness.controlplane;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts messages that come from below the REST API (the QdrantCluster validator, the operator's restore refusals, the
 * agent's rejections) into the API's own words: a user who sent {@code {"nodes": 0}} or {@code "newCluster": true}
 * about cluster {@code x1} should not have to know that these are {@code spec.size}, {@code destination.create} and
 * the object {@code qdrant-x1}. Pure; applying it twice changes nothing more.
 */
final class RestVocabulary {

    /** QdrantCluster and restore field paths, longest first, to the request fields of {@link RestApi}. */
    private static final Map<Pattern, String> FIELDS = new LinkedHashMap<>();

    static {
        field("spec.resources.requests.cpu", "cpu");
        field("spec.resources.requests.memory", "memory");
        field("spec.resources.cpu", "cpu");
        field("spec.resources.memory", "memory");
        field("spec.resources.storage", "storage");
        field("spec.size", "nodes");
        field("spec.version", "version");
        field("spec.id", "id");
        field("spec.config", "config");
        field("spec.source.snapshotName", "backupName");
        field("spec.destination.create", "newCluster");
        field("destination.create", "newCluster");
        field("spec.destination.name", "clusterId");
        field("destination.name", "clusterId");
        field("spec.cluster-id", "clusterId");
        field("spec.retention", "retentionHours");
        field("spec.schedule", "schedule");
    }

    /** The custom resource kinds under the names the API gives them ("VolumeSnapshot" is Kubernetes' own and stays). */
    private static final Map<Pattern, String> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put(Pattern.compile("\\bQdrantClusterSnapshot\\b"), "backup");
        KINDS.put(Pattern.compile("\\bQdrantClusterScheduledSnapshot\\b"), "backup schedule");
        KINDS.put(Pattern.compile("\\bQdrantClusterRestore\\b"), "restore");
        KINDS.put(Pattern.compile("\\bQdrantCluster\\b"), "cluster");
        // Not inside a name: a scheduled backup may be called "orders-snapshot-1a2b".
        KINDS.put(Pattern.compile("(?<![\\w-])snapshot(s?)(?![\\w-])"), "backup$1");
    }

    private RestVocabulary() {
    }

    private static void field(String crdPath, String restField) {
        // Not inside a longer path, and not a prefix of one: "spec.size" but not "spec.sizeLimit".
        FIELDS.put(Pattern.compile("(?<![\\w.-])" + Pattern.quote(crdPath) + "(?![\\w-])"), restField);
    }

    /** A QdrantCluster field path as the request names it, or the path as it is when the API has no such field. */
    static String field(String crdPath) {
        return speak(crdPath, List.of());
    }

    /**
     * @param clusterIds the clusters the message may name by their object name {@code qdrant-<id>}; a longer name
     *                   (the pod {@code qdrant-x1-0}) is a Kubernetes object a kubectl user sees and stays
     */
    static String speak(String message, Collection<String> clusterIds) {
        if (message == null || message.isEmpty()) {
            return message;
        }
        String spoken = message;
        for (Map.Entry<Pattern, String> field : FIELDS.entrySet()) {
            spoken = field.getKey().matcher(spoken).replaceAll(Matcher.quoteReplacement(field.getValue()));
        }
        for (Map.Entry<Pattern, String> kind : KINDS.entrySet()) {
            spoken = kind.getKey().matcher(spoken).replaceAll(kind.getValue());
        }
        for (String id : clusterIds) {
            spoken = Pattern.compile("(?<![\\w-])" + Pattern.quote(ClusterManifests.clusterName(id)) + "(?![\\w-])")
                    .matcher(spoken).replaceAll(Matcher.quoteReplacement(id));
        }
        return spoken;
    }
}
