package io.qdranthybrid.harness.kube.controllers.gc;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.List;

/**
 * A kind of object the garbage collector watches, as owner and as dependent. The real collector
 * discovers these through API discovery; the simulated one is told, so it works on API servers
 * without a discovery endpoint.
 *
 * @param group      API group, empty for the core group
 * @param version    API version within the group, e.g. {@code v1}
 * @param kind       e.g. {@code StatefulSet}
 * @param plural     the resource name in URLs, e.g. {@code statefulsets}
 * @param namespaced whether objects of this kind live in a namespace
 */
public record GarbageCollectedKind(String group, String version, String kind, String plural, boolean namespaced) {

    /**
     * Every kind the harness and the Qdrant operator create, except Events: nobody gives an Event an owner (the
     * API server expires them), and watching them would decode every Event the cluster writes, two per pod.
     */
    public static final List<GarbageCollectedKind> HARNESS_KINDS = List.of(
            namespaced("v1", "Pod", "pods"),
            namespaced("v1", "Service", "services"),
            namespaced("v1", "ConfigMap", "configmaps"),
            namespaced("v1", "Secret", "secrets"),
            namespaced("v1", "PersistentVolumeClaim", "persistentvolumeclaims"),
            namespaced("v1", "ServiceAccount", "serviceaccounts"),
            namespaced("v1", "Endpoints", "endpoints"),
            namespaced("apps/v1", "StatefulSet", "statefulsets"),
            namespaced("apps/v1", "Deployment", "deployments"),
            namespaced("apps/v1", "ReplicaSet", "replicasets"),
            namespaced("apps/v1", "ControllerRevision", "controllerrevisions"),
            namespaced("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets"),
            namespaced("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies"),
            namespaced("networking.k8s.io/v1", "Ingress", "ingresses"),
            namespaced("coordination.k8s.io/v1", "Lease", "leases"),
            namespaced("batch/v1", "Job", "jobs"),
            namespaced("snapshot.storage.k8s.io/v1", "VolumeSnapshot", "volumesnapshots"),
            clusterScoped("v1", "PersistentVolume", "persistentvolumes"),
            clusterScoped("snapshot.storage.k8s.io/v1", "VolumeSnapshotContent", "volumesnapshotcontents"));

    public GarbageCollectedKind {
        requireText(version, "version");
        requireText(kind, "kind");
        requireText(plural, "plural");
        group = group == null ? "" : group;
    }

    /** A namespaced kind from its {@code apiVersion} as written in manifests ({@code apps/v1}, {@code v1}). */
    public static GarbageCollectedKind namespaced(String apiVersion, String kind, String plural) {
        return of(apiVersion, kind, plural, true);
    }

    public static GarbageCollectedKind clusterScoped(String apiVersion, String kind, String plural) {
        return of(apiVersion, kind, plural, false);
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** Whether an owner reference points at an object of this kind. */
    public boolean matches(OwnerReference owner) {
        return kind.equals(owner.getKind()) && apiVersion().equals(owner.getApiVersion());
    }

    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(namespaced)
                .build();
    }

    private static GarbageCollectedKind of(String apiVersion, String kind, String plural, boolean namespaced) {
        requireText(apiVersion, "apiVersion");
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        return new GarbageCollectedKind(group, version, kind, plural, namespaced);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a garbage-collected kind needs a " + field);
        }
    }

    @Override
    public String toString() {
        return kind + "." + apiVersion();
    }
}
