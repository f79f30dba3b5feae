package io.qdranthybrid.platform.session;

import io.qdranthybrid.protocol.message.ResourceKey;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The distinct resources each environment reported statuses for, capped: an agent (compromised or buggy) cannot make
 * the control plane store statuses for an unbounded number of made-up resources. A deleted resource frees its place.
 * Thread-safe.
 */
final class ReportedResources {

    private final int maxPerEnvironment;
    private final Map<String, Set<ResourceKey>> byEnvironment = new ConcurrentHashMap<>();

    ReportedResources(int maxPerEnvironment) {
        this.maxPerEnvironment = maxPerEnvironment;
    }

    /** Records a status for {@code key}; false (and nothing recorded) if it would be one resource too many. */
    boolean admit(String environmentId, ResourceKey key, boolean deleted) {
        Set<ResourceKey> keys = byEnvironment.computeIfAbsent(environmentId, id -> new HashSet<>());
        synchronized (keys) {
            if (deleted) {
                keys.remove(key);
                return true;
            }
            if (keys.contains(key)) {
                return true;
            }
            if (keys.size() >= maxPerEnvironment) {
                return false;
            }
            keys.add(key);
            return true;
        }
    }

    int count(String environmentId) {
        Set<ResourceKey> keys = byEnvironment.get(environmentId);
        if (keys == null) {
            return 0;
        }
        synchronized (keys) {
            return keys.size();
        }
    }

    void forget(String environmentId) {
        byEnvironment.remove(environmentId);
    }
}
