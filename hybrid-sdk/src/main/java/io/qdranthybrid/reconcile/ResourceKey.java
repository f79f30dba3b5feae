package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Objects;

/** Identifies a namespaced resource to reconcile: the unit the work queue dedupes on. */
public record ResourceKey(String namespace, String name) {

    public ResourceKey {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** The key of a resource read from the API server or a cache. */
    public static ResourceKey of(HasMetadata resource) {
        return new ResourceKey(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
