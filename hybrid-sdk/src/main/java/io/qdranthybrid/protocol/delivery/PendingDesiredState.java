package io.qdranthybrid.protocol.delivery;

import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.DesiredStateMode;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.UnsupportedResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The one desired state waiting to be applied. While the agent is busy applying (a slow API server), every
 * redelivery or newer revision folds into it instead of queueing another full state (up to a frame, 1 MiB, each): a
 * snapshot replaces what waits, a delta on top of it is merged into it. Every envelope folded in is answered once
 * the merged state is applied, with the outcome for its own revision. Thread-safe.
 */
public final class PendingDesiredState {

    /** An envelope waiting for its answer, and the revision it carried. */
    public record Waiting(String ref, long revision) {
    }

    /** What to apply, answering {@code latest} with the outcome and {@code folded} alike. */
    public record Batch(DesiredState state, String latestRef, List<Waiting> folded) {
    }

    private DesiredState pending;
    private String latestRef;
    private final List<Waiting> folded = new ArrayList<>();

    /** Adds a received state; true when nothing was waiting, so the caller must schedule a {@link #take()}. */
    public synchronized boolean offer(String ref, DesiredState state) {
        if (pending == null) {
            pending = state;
            latestRef = ref;
            return true;
        }
        folded.add(new Waiting(latestRef, pending.revision()));
        pending = coalesce(pending, state);
        latestRef = ref;
        return false;
    }

    public synchronized Optional<Batch> take() {
        if (pending == null) {
            return Optional.empty();
        }
        Batch batch = new Batch(pending, latestRef, List.copyOf(folded));
        pending = null;
        latestRef = null;
        folded.clear();
        return Optional.of(batch);
    }

    /**
     * What applying {@code queued} and then {@code next} amounts to, as one state. A snapshot or a delta that does
     * not build on {@code queued} (a gap, left to the ledger) replaces it; an older revision changes nothing.
     */
    static DesiredState coalesce(DesiredState queued, DesiredState next) {
        if (next.revision() <= queued.revision()) {
            return queued;
        }
        if (next.mode() == DesiredStateMode.SNAPSHOT || next.baseRevision() > queued.revision()) {
            return next;
        }
        Map<ResourceKey, DesiredResource> resources = new LinkedHashMap<>();
        queued.resources().forEach(r -> resources.put(r.key(), r));
        next.resources().forEach(r -> {
            resources.remove(r.key());
            resources.put(r.key(), r);
        });
        Map<String, UnsupportedResource> unsupported = new LinkedHashMap<>();
        for (List<UnsupportedResource> list : List.of(queued.unsupported(), next.unsupported())) {
            list.forEach(u -> unsupported.put(u.kind() + "/" + u.namespace() + "/" + u.name(), u));
        }
        // A key sent in one and withheld in the other is applied in the form that was sent (the last one that fit).
        Set<ResourceKey> withheld = new LinkedHashSet<>(queued.withheld());
        withheld.addAll(next.withheld());
        withheld.removeAll(resources.keySet());
        return new DesiredState(next.revision(), queued.mode(), queued.baseRevision(),
                new ArrayList<>(resources.values()), new ArrayList<>(unsupported.values()), new ArrayList<>(withheld));
    }
}
