package io.qdranthybrid.agent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads and deletes objects of the allow-listed kinds in the agent's namespace; never anything else. */
final class ManagedObjects {

    private final KubernetesClient client;
    private final String namespace;

    ManagedObjects(KubernetesClient client, String namespace) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    Optional<GenericKubernetesResource> get(ManagedKind kind, String name) {
        return Optional.ofNullable(operation(kind).withName(name).get());
    }

    /** The objects of {@code kind} that carry the agent's managed-by label. */
    List<GenericKubernetesResource> listManaged(ManagedKind kind) {
        return operation(kind).withLabel(AgentLabels.MANAGED_BY, AgentLabels.MANAGED_BY_VALUE).list().getItems();
    }

    /** Whether the agent manages anything at all in its namespace, among the {@code served} kinds. */
    boolean anyManaged(java.util.Collection<ManagedKind> served) {
        return served.stream().anyMatch(kind -> !listManaged(kind).isEmpty());
    }

    /** Deletes the live object; false when it was already gone. */
    boolean delete(ManagedKind kind, String name) {
        return !operation(kind).withName(name).delete().isEmpty();
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
            GenericKubernetesResourceList, Resource<GenericKubernetesResource>> operation(ManagedKind kind) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> all =
                client.genericKubernetesResources(kind.context());
        return all.inNamespace(namespace);
    }
}
