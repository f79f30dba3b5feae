package io.qdranthybrid.operator.backup;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.reconcile.OwnerReferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's access to snapshot.storage.k8s.io/v1 VolumeSnapshots, handled as generic resources because
 * fabric8's typed model of them is not on the classpath.
 */
public final class VolumeSnapshots {

    public static final String GROUP = "snapshot.storage.k8s.io";
    public static final String API_VERSION = GROUP + "/v1";
    public static final String KIND = "VolumeSnapshot";

    private static final Logger LOG = LoggerFactory.getLogger(VolumeSnapshots.class);
    private static final ResourceDefinitionContext SNAPSHOTS = new ResourceDefinitionContext.Builder()
            .withGroup(GROUP).withVersion("v1").withKind(KIND).withPlural("volumesnapshots").withNamespaced(true).build();
    private static final ResourceDefinitionContext CONTENTS = new ResourceDefinitionContext.Builder()
            .withGroup(GROUP).withVersion("v1").withKind("VolumeSnapshotContent").withPlural("volumesnapshotcontents")
            .withNamespaced(false).build();

    private final KubernetesClient client;

    public VolumeSnapshots(KubernetesClient client) {
        this.client = client;
    }

    /** The VolumeSnapshot of {@code claimName} that {@code owner} (a QdrantClusterSnapshot) owns; a pure function. */
    public static GenericKubernetesResource desired(HasMetadata owner, String clusterId, String claimName, String className) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("volumeSnapshotClassName", className);
        spec.put("source", Map.of("persistentVolumeClaimName", claimName));
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION).withKind(KIND)
                .withNewMetadata()
                    .withName(BackupNames.volumeSnapshot(owner.getMetadata().getName(), claimName))
                    .withNamespace(owner.getMetadata().getNamespace())
                    .addToLabels(QdrantApi.Labels.CLUSTER_ID, clusterId)
                    .addToLabels(BackupNames.SNAPSHOT_LABEL, owner.getMetadata().getName())
                    .withOwnerReferences(OwnerReferences.controllerReference(owner))
                .endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }

    /** Creates the VolumeSnapshot; true when created, false when it already existed (a retried reconcile). */
    public boolean create(GenericKubernetesResource snapshot) {
        try {
            client.genericKubernetesResources(SNAPSHOTS).inNamespace(snapshot.getMetadata().getNamespace())
                    .resource(snapshot).create();
            LOG.info("Created VolumeSnapshot {}/{} of PVC {}", snapshot.getMetadata().getNamespace(),
                    snapshot.getMetadata().getName(), snapshot.get("spec", "source", "persistentVolumeClaimName"));
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return false;
            }
            throw e;
        }
    }

    public Optional<GenericKubernetesResource> get(String namespace, String name) {
        return Optional.ofNullable(client.genericKubernetesResources(SNAPSHOTS).inNamespace(namespace).withName(name).get());
    }

    /** What the backup needs to know of a VolumeSnapshot: readiness, the driver's handle, the error. */
    public VolumeSnapshotState observe(String namespace, String name, String claimName) {
        Optional<GenericKubernetesResource> found = get(namespace, name);
        if (found.isEmpty()) {
            return VolumeSnapshotState.missing(name, claimName);
        }
        GenericKubernetesResource snapshot = found.get();
        boolean ready = Boolean.TRUE.equals(snapshot.get("status", "readyToUse"));
        String handle = ready ? snapshotHandle(snapshot).orElse(null) : null;
        return new VolumeSnapshotState(name, claimName, true, ready, handle,
                text(snapshot.get("status", "error", "message")), text(snapshot.get("status", "error", "time")));
    }

    /** status.restoreSize of a ready VolumeSnapshot, as a quantity string. */
    public static Optional<String> restoreSize(GenericKubernetesResource snapshot) {
        return Optional.ofNullable(text(snapshot.get("status", "restoreSize")));
    }

    public static boolean isReady(GenericKubernetesResource snapshot) {
        return Boolean.TRUE.equals(snapshot.get("status", "readyToUse"));
    }

    /**
     * The driver's id from the bound VolumeSnapshotContent. Contents are cluster-scoped: an operator allowed only its
     * namespace cannot read them, and the backup is then reported without handles rather than failing.
     */
    private Optional<String> snapshotHandle(GenericKubernetesResource snapshot) {
        String contentName = text(snapshot.get("status", "boundVolumeSnapshotContentName"));
        if (contentName == null) {
            return Optional.empty();
        }
        try {
            GenericKubernetesResource content = client.genericKubernetesResources(CONTENTS).withName(contentName).get();
            return content == null ? Optional.empty() : Optional.ofNullable(text(content.get("status", "snapshotHandle")));
        } catch (KubernetesClientException e) {
            LOG.debug("Cannot read VolumeSnapshotContent {} for its snapshot handle: {}", contentName, e.getMessage());
            return Optional.empty();
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
