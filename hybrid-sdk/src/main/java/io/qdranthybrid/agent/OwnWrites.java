package io.qdranthybrid.agent;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resourceVersion each of the agent's own writes got back, per object, until its informer cache has shown that
 * version. Until then the cache may hold the object as it was before the write, and deciding from it could find a
 * later revision "already satisfied" when it is not (revision 2 sets size 3, revision 3 sets size 1 back, and the
 * cache still shows size 1): such an object is read from the API server instead.
 *
 * <p>Versions are compared for equality only: Kubernetes promises nothing about their order (API concepts,
 * "Resource versions"). A cached version that differs from the one written is older or newer; either way the API
 * server is asked, and its answer is the version the cache must reach next.
 */
final class OwnWrites {

    private final Map<String, String> pending = new ConcurrentHashMap<>();

    /** The cache is behind until it shows {@code object}'s version: the agent wrote it, or read it from the server. */
    void expect(ManagedKind kind, HasMetadata object) {
        String version = object.getMetadata().getResourceVersion();
        if (version != null) {
            pending.put(key(kind, object), version);
        }
    }

    /**
     * Whether the cached {@code object} may predate the agent's own last write of it. Seeing the written version
     * settles the object: later cache states only move forward.
     */
    boolean cacheIsBehind(ManagedKind kind, HasMetadata cached) {
        String key = key(kind, cached);
        String written = pending.get(key);
        if (written == null) {
            return false;
        }
        if (written.equals(cached.getMetadata().getResourceVersion())) {
            pending.remove(key, written);
            return false;
        }
        return true;
    }

    /** The informer saw {@code object}: a write it shows needs no more care. */
    void observed(ManagedKind kind, HasMetadata object) {
        String version = object.getMetadata().getResourceVersion();
        if (version != null) {
            pending.remove(key(kind, object), version);
        }
    }

    /** Nothing to wait for: the object is gone, or the cache lacks it and the API server answers the next read. */
    void forget(ManagedKind kind, String name) {
        pending.remove(key(kind, name));
    }

    int size() {
        return pending.size();
    }

    private static String key(ManagedKind kind, HasMetadata object) {
        return key(kind, object.getMetadata().getName());
    }

    private static String key(ManagedKind kind, String name) {
        return kind.kind() + "/" + name;
    }
}
