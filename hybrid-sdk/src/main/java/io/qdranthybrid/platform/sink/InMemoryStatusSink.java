package io.qdranthybrid.platform.sink;

import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest status per resource and the open rejections per resource, per environment. A status observed before the
 * one already held (a resend after reconnect racing a fresher one) does not replace it. Thread-safe.
 */
public final class InMemoryStatusSink implements StatusSink {

    private final Map<String, Map<ResourceKey, ResourceStatus>> statuses = new ConcurrentHashMap<>();
    private final Map<String, Map<ResourceKey, ResourceRejection>> rejections = new ConcurrentHashMap<>();

    @Override
    public void resourceStatus(String environmentId, ResourceStatus status) {
        Map<ResourceKey, ResourceStatus> byKey = statuses.computeIfAbsent(environmentId, id -> new LinkedHashMap<>());
        synchronized (byKey) {
            ResourceStatus held = byKey.get(status.key());
            if (held == null || !status.observedAt().isBefore(held.observedAt())) {
                byKey.put(status.key(), status);
            }
        }
    }

    @Override
    public void resourceRejected(String environmentId, ResourceRejection rejection) {
        Map<ResourceKey, ResourceRejection> byKey = rejections.computeIfAbsent(environmentId, id -> new LinkedHashMap<>());
        synchronized (byKey) {
            byKey.put(rejection.key(), rejection);
        }
    }

    @Override
    public void desiredStateApplied(String environmentId, long revision) {
        Map<ResourceKey, ResourceRejection> byKey = rejections.get(environmentId);
        if (byKey != null) {
            synchronized (byKey) {
                byKey.values().removeIf(r -> r.revision() <= revision);
            }
        }
    }

    @Override
    public void environmentRemoved(String environmentId) {
        statuses.remove(environmentId);
        rejections.remove(environmentId);
    }

    public Optional<ResourceStatus> latest(String environmentId, ResourceKey key) {
        return Optional.ofNullable(copyOf(statuses.get(environmentId)).get(key));
    }

    public List<ResourceStatus> statuses(String environmentId) {
        return List.copyOf(copyOf(statuses.get(environmentId)).values());
    }

    /** Resources whose latest desired revision the agent rejected. */
    public List<ResourceRejection> rejections(String environmentId) {
        return List.copyOf(copyOf(rejections.get(environmentId)).values());
    }

    private static <V> Map<ResourceKey, V> copyOf(Map<ResourceKey, V> byKey) {
        if (byKey == null) {
            return Map.of();
        }
        synchronized (byKey) {
            return new LinkedHashMap<>(byKey);
        }
    }
}
