package io.qdranthybrid.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceStatus;
import io.qdranthybrid.reconcile.ManagedFieldsStrippingStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the agent's objects of every allow-listed kind and publishes a {@link ResourceStatus} whenever the status or
 * the applied revision changes (the connection coalesces to the latest per resource), and for QdrantClusters the
 * {@link ClusterMetrics} samples. A deleted object is reported once with the status {@code {"deleted": true}}.
 *
 * <p>Its informers are also the agent's cache of its own objects (see {@link ManagedObjects}).
 */
final class ResourceStatusReporter implements ManagedObjects.Cache, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Objects per page of an informer's LIST, as client-go's reflectors ask for (500, {@code defaultPageSize} in
     * {@code k8s.io/client-go/tools/pager/pager.go}): with thousands of objects the first list never sits in memory
     * whole, which would size the agent's heap for good.
     */
    static final long LIST_PAGE = 500;

    private record Reported(long revision, JsonNode status) {
    }

    private final KubernetesClient client;
    private final String namespace;
    private final AgentOutbox outbox;
    private final Clock clock;
    private final Runnable componentsChanged;
    private final OwnWrites ownWrites;
    private final Map<ManagedKind, SharedIndexInformer<GenericKubernetesResource>> informers = new ConcurrentHashMap<>();
    private volatile boolean started;
    private volatile boolean closed;
    private final Map<ResourceKey, Reported> reported = new ConcurrentHashMap<>();

    ResourceStatusReporter(KubernetesClient client, String namespace, AgentOutbox outbox, Clock clock,
                           Runnable componentsChanged, OwnWrites ownWrites) {
        this.client = client;
        this.namespace = namespace;
        this.outbox = outbox;
        this.clock = clock;
        this.componentsChanged = componentsChanged;
        this.ownWrites = ownWrites;
    }

    @Override
    public GenericKubernetesResource find(ManagedKind kind, String name) {
        SharedIndexInformer<GenericKubernetesResource> informer = informers.get(kind);
        return informer == null ? null : informer.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name));
    }

    /** Watches the kinds the cluster serves; a kind without its CRD holds no objects and is not watched. */
    synchronized CompletableFuture<Void> start(Set<ManagedKind> served) {
        List<CompletableFuture<?>> synced = new ArrayList<>();
        for (ManagedKind kind : ManagedKind.ALL) {
            // A QdrantRelease has no status (the CRD has no status subresource): nothing to report, nothing to watch.
            if (kind == ManagedKind.QDRANT_RELEASE) {
                continue;
            }
            if (served.contains(kind) && !informers.containsKey(kind)) {
                SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(kind.context())
                        .inNamespace(namespace).withLabel(AgentLabels.MANAGED_BY, AgentLabels.MANAGED_BY_VALUE)
                        .withLimit(LIST_PAGE).runnableInformer(0);
                informer.itemStore(new ManagedFieldsStrippingStore<>());
                informer.addEventHandler(handler(kind));
                informers.put(kind, informer);
                synced.add(informer.start().toCompletableFuture());
            }
        }
        started = true;
        return CompletableFuture.allOf(synced.toArray(CompletableFuture[]::new));
    }

    /** Starts watching kinds that became served (their CRD was installed) after start. */
    synchronized void watchServed(Set<ManagedKind> served) {
        if (started && !closed) {
            start(served);
        }
    }

    boolean hasSynced() {
        return started && informers.values().stream().allMatch(SharedIndexInformer::hasSynced);
    }

    /** Publishes the status of every object again, e.g. when the control plane asks for a resync. */
    void republishAll() {
        informers.forEach((kind, informer) -> informer.getStore().list().forEach(object -> report(kind, object, true)));
    }

    private ResourceEventHandler<GenericKubernetesResource> handler(ManagedKind kind) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource object) {
                ownWrites.observed(kind, object);
                report(kind, object, false);
            }

            @Override
            public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                ownWrites.observed(kind, after);
                report(kind, after, false);
            }

            @Override
            public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
                ResourceKey key = keyOf(kind, object);
                ownWrites.forget(kind, object.getMetadata().getName());
                reported.remove(key);
                ObjectNode deleted = JsonNodeFactory.instance.objectNode().put("deleted", true);
                outbox.publish(new ResourceStatus(key, AgentLabels.desiredRevision(object), deleted, clock.instant()));
                if (kind == ManagedKind.HELM_RELEASE) {
                    componentsChanged.run();
                }
            }
        };
    }

    private void report(ManagedKind kind, GenericKubernetesResource object, boolean always) {
        ResourceKey key = keyOf(kind, object);
        JsonNode tree = JSON.valueToTree(object);
        JsonNode status = tree.path("status").isObject() ? tree.get("status") : JsonNodeFactory.instance.objectNode();
        Reported now = new Reported(AgentLabels.desiredRevision(object), status);
        Reported before = reported.put(key, now);
        if (!always && Objects.equals(before, now)) {
            return;
        }
        outbox.publish(new ResourceStatus(key, now.revision(), status, clock.instant()));
        if (kind == ManagedKind.QDRANT_CLUSTER) {
            ClusterMetrics.of(tree, clock.instant()).forEach(outbox::publish);
        }
        if (kind == ManagedKind.HELM_RELEASE) {
            componentsChanged.run();
        }
    }

    private ResourceKey keyOf(ManagedKind kind, GenericKubernetesResource object) {
        return new ResourceKey(kind.resourceKind(), namespace, object.getMetadata().getName());
    }

    @Override
    public synchronized void close() {
        closed = true;
        informers.values().forEach(SharedIndexInformer::stop);
    }
}
