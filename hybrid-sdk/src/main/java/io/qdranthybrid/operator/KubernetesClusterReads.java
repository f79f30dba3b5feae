package io.qdranthybrid.operator;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdranthybrid.crd.QdrantRelease;
import io.qdranthybrid.crd.QdrantVersion;
import io.qdranthybrid.operator.cluster.ClusterReads;
import io.qdranthybrid.reconcile.Controller;
import io.qdranthybrid.reconcile.ResourceKey;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads for the cluster reconciler: everything the controller watches (owned objects, pods, volume claims) comes
 * from its informer caches at no request; Secrets, StorageClasses and releases are read from the API server.
 * Cluster-scoped StorageClasses may be forbidden by a namespace-scoped role: that reads as "unknown", not as an
 * error. Cached objects are handed out as they are in the cache, not copied (see {@link ClusterReads}).
 */
final class KubernetesClusterReads implements ClusterReads {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KubernetesClusterReads.class);

    private final KubernetesClient client;
    private volatile Controller<?> controller;

    KubernetesClusterReads(KubernetesClient client) {
        this.client = client;
    }

    void useCachesOf(Controller<?> controller) {
        this.controller = controller;
    }

    @Override
    public <T extends HasMetadata> Optional<T> current(Class<T> type, String namespace, String name) {
        Controller<?> caches = controller;
        if (caches != null && caches.caches(type, namespace)) {
            return caches.cachedView(type, new ResourceKey(namespace, name));
        }
        return Optional.ofNullable(client.resources(type).inNamespace(namespace).withName(name).get());
    }

    @Override
    public Optional<StatefulSet> statefulSet(String namespace, String name) {
        return current(StatefulSet.class, namespace, name);
    }

    @Override
    public List<Pod> pods(String namespace, Map<String, String> selector) {
        return list(Pod.class, namespace, selector);
    }

    @Override
    public List<PersistentVolumeClaim> claims(String namespace, Map<String, String> selector) {
        return list(PersistentVolumeClaim.class, namespace, selector);
    }

    @Override
    public List<Service> services(String namespace, Map<String, String> selector) {
        return list(Service.class, namespace, selector);
    }

    private <T extends HasMetadata> List<T> list(Class<T> type, String namespace, Map<String, String> selector) {
        Controller<?> caches = controller;
        if (caches != null && caches.caches(type, namespace)) {
            return caches.cachedListView(type, namespace, selector);
        }
        return client.resources(type).inNamespace(namespace).withLabels(selector).list().getItems();
    }

    @Override
    public Optional<String> secretValue(String namespace, String name, String key) {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            return Optional.empty();
        }
        if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
            return Optional.of(secret.getStringData().get(key));
        }
        if (secret.getData() == null || !secret.getData().containsKey(key)) {
            return Optional.empty();
        }
        return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8));
    }

    @Override
    public Optional<Boolean> storageClassExpandable(String storageClassName) {
        try {
            StorageClass storageClass = client.storage().v1().storageClasses().withName(storageClassName).get();
            return storageClass == null ? Optional.empty() : Optional.of(Boolean.TRUE.equals(storageClass.getAllowVolumeExpansion()));
        } catch (KubernetesClientException forbidden) {
            return Optional.empty();
        }
    }

    /**
     * Listed with a field selector only while pods are missing (see ClusterObserver), so no informer on every Event of
     * the namespace is kept for a rare case. Needs list on events; without it the reason stays unknown.
     */
    @Override
    public List<Event> events(String namespace, String kind, String name) {
        try {
            return client.v1().events().inNamespace(namespace)
                    .withField("involvedObject.kind", kind).withField("involvedObject.name", name)
                    .list().getItems();
        } catch (KubernetesClientException failed) {
            // Without list on events (an older Role) the reason stays unknown, as documented: not worth a warning on
            // every reconcile. Any other failure is the API server's trouble and is said.
            if (failed.getCode() == 403) {
                LOG.debug("Cannot list events of {} {}/{}: {}", kind, namespace, name, failed.getMessage());
            } else {
                LOG.warn("Listing events of {} {}/{} failed (HTTP {}): {}; the cluster's status may lack the cause",
                        kind, namespace, name, failed.getCode(), failed.getMessage());
            }
            return List.of();
        }
    }

    @Override
    public List<QdrantVersion> knownReleases(String namespace) {
        try {
            return client.resources(QdrantRelease.class).inNamespace(namespace).list().getItems().stream()
                    .filter(r -> r.getSpec() != null && !Boolean.TRUE.equals(r.getSpec().getUnavailable()))
                    .map(r -> QdrantVersion.parse(r.getSpec().getVersion()))
                    .flatMap(Optional::stream)
                    .toList();
        } catch (KubernetesClientException notInstalled) {
            return List.of(); // the QdrantRelease CRD is optional (a management CRD)
        }
    }
}
