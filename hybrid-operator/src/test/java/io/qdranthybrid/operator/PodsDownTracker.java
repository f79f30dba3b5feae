package io.qdranthybrid.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Watches a cluster's pods and remembers the most that were not ready at the same moment. */
final class PodsDownTracker implements ResourceEventHandler<Pod> {

    private final Map<String, Boolean> ready = new ConcurrentHashMap<>();
    private final AtomicInteger max = new AtomicInteger();

    @Override
    public void onAdd(Pod pod) {
        update(pod);
    }

    @Override
    public void onUpdate(Pod old, Pod pod) {
        update(pod);
    }

    @Override
    public void onDelete(Pod pod, boolean unknown) {
        ready.put(pod.getMetadata().getName(), false);
        measure();
    }

    int maxDown() {
        return max.get();
    }

    private void update(Pod pod) {
        boolean isReady = pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        ready.put(pod.getMetadata().getName(), isReady);
        measure();
    }

    private void measure() {
        max.accumulateAndGet((int) ready.values().stream().filter(r -> !r).count(), Math::max);
    }
}
