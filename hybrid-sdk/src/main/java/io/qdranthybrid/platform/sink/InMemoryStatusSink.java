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

    public Optional<ResourceStatus> latest(String environmentId, ResourceKey key) {
        Map<ResourceKey, ResourceStatus> byKey = statuses.get(environmentId);
        if (byKey == null) {
            return Optional.empty();
        }
        synchronized (byKey) {
            return Optional.ofNullable(byKey.get(key));
        }
    }

    public List<ResourceStatus> statuses(String environmentId) {
        Map<ResourceKey, ResourceStatus> byKey = statuses.get(environmentId);
        if (byKey == null) {
            return List.of();
        }
        synchronized (byKey) {
            return List.copyOf(byKey.values());
        }
    }

    /** Resources whose latest desired revision the agent rejected. */
    public List<ResourceRejection> rejections(String environmentId) {
        Map<ResourceKey, ResourceRejection> byKey = rejections.get(environmentId);
        if (byKey == null) {
            return List.of();
        }
        synchronized (byKey) {
            return List.copyOf(byKey.values());
        }
    }
}
