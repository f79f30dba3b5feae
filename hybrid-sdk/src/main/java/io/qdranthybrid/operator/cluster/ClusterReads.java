package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.qdranthybrid.crd.QdrantVersion;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes reads the observer needs; backed by informer caches in the operator, so reading costs no request.
 * Objects returned may be shared with those caches: callers read them and never modify them.
 */
public interface ClusterReads {

    /** The current state of an object the cluster owns, if it exists. */
    <T extends io.fabric8.kubernetes.api.model.HasMetadata> Optional<T> current(Class<T> type, String namespace, String name);

    Optional<StatefulSet> statefulSet(String namespace, String name);

    List<Pod> pods(String namespace, Map<String, String> selector);

    List<PersistentVolumeClaim> claims(String namespace, Map<String, String> selector);

    List<io.fabric8.kubernetes.api.model.Service> services(String namespace, Map<String, String> selector);

    /** A key of a Secret in the namespace, if readable. */
    Optional<String> secretValue(String namespace, String name, String key);

    /** Whether the StorageClass allows expansion; empty when unknown (e.g. RBAC forbids reading StorageClasses). */
    Optional<Boolean> storageClassExpandable(String storageClassName);

    /**
     * Events about one object ({@code involvedObject.kind} and {@code .name}), as {@code kubectl describe} shows them;
     * empty when Events cannot be read.
     */
    List<io.fabric8.kubernetes.api.model.Event> events(String namespace, String kind, String name);

    /** Versions published as QdrantRelease objects in the namespace. */
    List<QdrantVersion> knownReleases(String namespace);
}
