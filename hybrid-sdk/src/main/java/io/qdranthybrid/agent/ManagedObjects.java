package io.qdranthybrid.agent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and deletes objects of the allow-listed kinds in the agent's namespace; never anything else.
 *
 * <p>Reads before a write come from the agent's informer cache where it holds the object, so re-applying thousands
 * of resources after a reconnect costs one request each instead of two. The cache holds only objects with the
 * agent's label, so one it lacks (not created yet, made by hand, or not seen yet) is read from the API server, as
 * is one the agent wrote more recently than the cache shows (see {@link OwnWrites}).
 */
final class ManagedObjects {

    /** The agent's informer cache: the object, or null when it holds none of that name (or does not watch the kind). */
    interface Cache {
        GenericKubernetesResource find(ManagedKind kind, String name);
    }

    private final KubernetesClient client;
    private final String namespace;
    private final Cache cache;
    private final OwnWrites ownWrites;
    private final Map<ManagedKind, NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>>> operations = new ConcurrentHashMap<>();

    ManagedObjects(KubernetesClient client, String namespace, Cache cache, OwnWrites ownWrites) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.ownWrites = Objects.requireNonNull(ownWrites, "ownWrites");
    }

    /** The object as the informer cache holds it when that is at least as new as the agent's own last write of it. */
    Optional<GenericKubernetesResource> current(ManagedKind kind, String name) {
        GenericKubernetesResource cached = cache.find(kind, name);
        if (cached == null) {
            // Whatever the API server answers is the newest there is; nothing older can be cached after it.
            ownWrites.forget(kind, name);
            return get(kind, name);
        }
        if (!ownWrites.cacheIsBehind(kind, cached)) {
            return Optional.of(cached);
        }
        Optional<GenericKubernetesResource> live = get(kind, name);
        live.ifPresentOrElse(object -> ownWrites.expect(kind, object), () -> ownWrites.forget(kind, name));
        return live;
    }

    /** The object as the API server has it now. */
    Optional<GenericKubernetesResource> get(ManagedKind kind, String name) {
        return Optional.ofNullable(operation(kind).withName(name).get());
    }

    /** Remembers what the API server answered to the agent's write, until the cache shows it. */
    void wrote(ManagedKind kind, HasMetadata answer) {
        ownWrites.expect(kind, answer);
    }

    /** The objects of {@code kind} that carry the agent's managed-by label, as the API server lists them now. */
    List<GenericKubernetesResource> listManaged(ManagedKind kind) {
        return operation(kind).withLabel(AgentLabels.MANAGED_BY, AgentLabels.MANAGED_BY_VALUE).list().getItems();
    }

    /** Whether the agent manages anything at all in its namespace, among the {@code served} kinds. */
    boolean anyManaged(Collection<ManagedKind> served) {
        return served.stream().anyMatch(kind -> !listManaged(kind).isEmpty());
    }

    /** Deletes the live object; false when it was already gone. */
    boolean delete(ManagedKind kind, String name) {
        ownWrites.forget(kind, name);
        return !operation(kind).withName(name).delete().isEmpty();
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> operation(ManagedKind kind) {
        return operations.computeIfAbsent(kind,
                k -> client.genericKubernetesResources(k.context()).inNamespace(namespace));
    }
}
