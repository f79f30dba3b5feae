package io.qdranthybrid.operator.backup;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterSnapshot;
import io.qdranthybrid.crd.QdrantClusterSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster's configuration as it was when a backup started (spec and labels), kept in annotations of the
 * QdrantClusterSnapshot so that a restore can revert version, size and resources as the real product does.
 */
public record RecordedCluster(QdrantClusterSpec spec, Map<String, String> labels) {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    public RecordedCluster {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static RecordedCluster of(QdrantCluster cluster) {
        return new RecordedCluster(JSON.clone(cluster.getSpec()), cluster.getMetadata().getLabels());
    }

    /** The annotations that record this configuration. */
    public Map<String, String> annotations() {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(BackupNames.CLUSTER_SPEC_ANNOTATION, JSON.asJson(spec));
        annotations.put(BackupNames.CLUSTER_LABELS_ANNOTATION, JSON.asJson(new LinkedHashMap<>(labels)));
        return annotations;
    }

    /** The configuration recorded on a backup; empty when it was taken without one (e.g. by another tool). */
    public static Optional<RecordedCluster> from(QdrantClusterSnapshot snapshot) {
        Map<String, String> annotations = snapshot.getMetadata().getAnnotations();
        if (annotations == null || annotations.get(BackupNames.CLUSTER_SPEC_ANNOTATION) == null) {
            return Optional.empty();
        }
        QdrantClusterSpec spec = JSON.unmarshal(annotations.get(BackupNames.CLUSTER_SPEC_ANNOTATION), QdrantClusterSpec.class);
        String labels = annotations.get(BackupNames.CLUSTER_LABELS_ANNOTATION);
        Map<String, String> labelMap = labels == null ? Map.of()
                : JSON.unmarshal(new java.io.ByteArrayInputStream(labels.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        new TypeReference<Map<String, String>>() { });
        return Optional.of(new RecordedCluster(spec, labelMap));
    }

    /** A copy of the recorded spec for cluster {@code id}, running (not suspended). */
    public QdrantClusterSpec specFor(String id) {
        QdrantClusterSpec copy = JSON.clone(spec);
        copy.setId(id);
        copy.setSuspend(null);
        return copy;
    }
}
