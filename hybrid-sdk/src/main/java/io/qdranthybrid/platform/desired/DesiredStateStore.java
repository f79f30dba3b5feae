package io.qdranthybrid.platform.desired;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The desired state of one environment, revisioned: every put or delete that changes something gets the next
 * revision. Keeps the last {@code historyLimit} changes so an agent that was away briefly gets a delta; older agents
 * get a snapshot. Putting an identical manifest is a no-op, so a control plane that re-asserts its state every minute
 * costs its agents nothing. Thread-safe.
 *
 * <p>Every change is saved to a {@link DesiredStateRepository} and a new store starts from what it holds, so revisions
 * continue after a restart. Revisions never go backwards for an agent either: if an agent reports a revision above the
 * store's (a repository that lost data, or none), the store jumps past it, because the agent ignores anything at or
 * below what it applied.
 */
public final class DesiredStateStore {

    private static final Logger LOG = LoggerFactory.getLogger(DesiredStateStore.class);
    public static final int DEFAULT_HISTORY_LIMIT = 1_000;

    private final String environmentId;
    private final String namespace;
    private final int historyLimit;
    private final List<DesiredStateListener> listeners = new CopyOnWriteArrayList<>();

    private final Map<ResourceKey, DesiredResource> live = new LinkedHashMap<>();
    /** Changes in revision order; each revision appears once. */
    private final Deque<DesiredResource> history = new ArrayDeque<>();
    private long revision;
    /** Deltas can start at any revision at or above this; below, changes were evicted from the history. */
    private long historyFloor;

    private final DesiredStateRepository repository;

    /** A store kept in memory only (its own {@link InMemoryDesiredStateRepository}). */
    public DesiredStateStore(String environmentId, String namespace, int historyLimit) {
        this(environmentId, namespace, historyLimit, new InMemoryDesiredStateRepository());
    }

    /** A store that continues from what {@code repository} holds for the environment and saves every change there. */
    public DesiredStateStore(String environmentId, String namespace, int historyLimit,
                             DesiredStateRepository repository) {
        if (historyLimit < 1) {
            throw new IllegalArgumentException("historyLimit must be >= 1 but was " + historyLimit);
        }
        this.environmentId = environmentId;
        this.namespace = namespace;
        this.historyLimit = historyLimit;
        this.repository = repository;
        repository.load(environmentId).ifPresent(this::restore);
    }

    private void restore(PersistedDesiredState persisted) {
        for (DesiredResource resource : persisted.resources()) {
            requireOwnNamespace(resource.key());
            live.put(resource.key(), resource);
        }
        revision = persisted.revision();
        // The history was not persisted: deltas start here, agents further behind get a snapshot.
        historyFloor = revision;
        LOG.info("Environment {}: desired state restored at revision {} with {} resources", environmentId, revision,
                live.size());
    }

    public String environmentId() {
        return environmentId;
    }

    public String namespace() {
        return namespace;
    }

    public void addListener(DesiredStateListener listener) {
        listeners.add(listener);
    }

    public void removeListener(DesiredStateListener listener) {
        listeners.remove(listener);
    }

    /** A key in this environment's namespace. */
    public ResourceKey key(ResourceKind kind, String name) {
        return new ResourceKey(kind, namespace, name);
    }

    /**
     * Stores {@code manifest} as the desired {@code kind/name}.
     *
     * @return the revision at which the resource now has this manifest (unchanged if it already had it)
     */
    public long put(ResourceKind kind, String name, JsonNode manifest) {
        return put(key(kind, name), manifest);
    }

    /** @throws ForbiddenNamespaceException if the key is outside the environment's namespace */
    public long put(ResourceKey key, JsonNode manifest) {
        requireOwnNamespace(key);
        if (manifest == null || !manifest.isObject()) {
            throw new IllegalArgumentException("manifest of " + key + " must be a JSON object");
        }
        long stored;
        synchronized (this) {
            DesiredResource current = live.get(key);
            if (current != null && current.manifest().equals(manifest)) {
                return current.revision();
            }
            stored = revision + 1;
            DesiredResource resource = DesiredResource.present(key, stored, manifest);
            live.put(key, resource);
            commit(resource, current);
        }
        LOG.debug("Environment {}: {} desired at revision {}", environmentId, key, stored);
        notifyListeners(stored);
        return stored;
    }

    /** @return the revision of the deletion, or empty if the resource was not desired anyway */
    public Optional<Long> delete(ResourceKey key) {
        requireOwnNamespace(key);
        long stored;
        synchronized (this) {
            DesiredResource current = live.remove(key);
            if (current == null) {
                return Optional.empty();
            }
            stored = revision + 1;
            commit(DesiredResource.tombstone(key, stored), current);
        }
        LOG.debug("Environment {}: {} deleted at revision {}", environmentId, key, stored);
        notifyListeners(stored);
        return Optional.of(stored);
    }

    public synchronized long revision() {
        return revision;
    }

    /** The keys of every resource currently desired. */
    public synchronized List<ResourceKey> keys() {
        return List.copyOf(live.keySet());
    }

    public synchronized Optional<DesiredResource> get(ResourceKey key) {
        return Optional.ofNullable(live.get(key));
    }

    /** Every desired resource, or empty while nothing was ever stored (a state needs a revision above 0). */
    public synchronized Optional<DesiredState> snapshot() {
        return revision == 0 ? Optional.empty() : Optional.of(DesiredState.snapshot(revision, List.copyOf(live.values())));
    }

    /** What an agent that applied {@code agentRevision} needs next. */
    public synchronized DesiredChanges changesSince(long agentRevision) {
        if (agentRevision == revision) {
            return new DesiredChanges.UpToDate(revision);
        }
        if (agentRevision > revision) {
            return catchUpWith(agentRevision);
        }
        if (agentRevision == 0) {
            // A fresh (or reinstalled) agent: a snapshot also removes leftovers a delta would not mention.
            return new DesiredChanges.SnapshotRequired(DesiredState.snapshot(revision, List.copyOf(live.values())),
                    "the agent has applied nothing yet");
        }
        if (agentRevision < historyFloor) {
            return new DesiredChanges.SnapshotRequired(DesiredState.snapshot(revision, List.copyOf(live.values())),
                    "history starts after revision " + historyFloor + " but the agent is at " + agentRevision);
        }
        Map<ResourceKey, DesiredResource> changed = new LinkedHashMap<>();
        for (Iterator<DesiredResource> it = history.descendingIterator(); it.hasNext(); ) {
            DesiredResource change = it.next();
            if (change.revision() <= agentRevision) {
                break;
            }
            changed.putIfAbsent(change.key(), change);
        }
        List<DesiredResource> resources = new ArrayList<>(changed.values());
        java.util.Collections.reverse(resources);
        return new DesiredChanges.Delta(DesiredState.delta(agentRevision, revision, resources));
    }

    /**
     * The store lost revisions (e.g. an in-memory store after a restart, or a repository restored from an old backup).
     * The agent's ledger ignores states at or below what it applied, so continue above its revision. With nothing
     * desired, send nothing: an empty snapshot would ask to delete everything, and the next change goes as a delta.
     * Otherwise the agent gets what the store holds as a snapshot at a revision it will apply.
     */
    private DesiredChanges catchUpWith(long agentRevision) {
        long behind = revision;
        long target = live.isEmpty() ? agentRevision : agentRevision + 1;
        persist(target);
        revision = target;
        history.clear();
        historyFloor = target;
        LOG.warn("Environment {}: the agent applied revision {} but the store was only at {}; continuing at {}",
                environmentId, agentRevision, behind, target);
        return live.isEmpty() ? new DesiredChanges.UpToDate(target)
                : new DesiredChanges.SnapshotRequired(DesiredState.snapshot(target, List.copyOf(live.values())),
                "agent revision " + agentRevision + " was ahead of the store at " + behind);
    }

    /** Saves {@code change} (already in {@link #live}) as the next revision; undoes it if the repository fails. */
    private void commit(DesiredResource change, DesiredResource previous) {
        try {
            persist(change.revision());
        } catch (RuntimeException e) {
            if (previous == null) {
                live.remove(change.key());
            } else {
                live.put(change.key(), previous);
            }
            throw e;
        }
        revision = change.revision();
        record(change);
    }

    private void persist(long atRevision) {
        repository.save(environmentId, new PersistedDesiredState(atRevision, List.copyOf(live.values())));
    }

    /** Forgets the persisted state (the environment was decommissioned). */
    synchronized void forget() {
        repository.delete(environmentId);
    }

    private void record(DesiredResource change) {
        history.addLast(change);
        while (history.size() > historyLimit) {
            historyFloor = history.removeFirst().revision();
        }
    }

    private void requireOwnNamespace(ResourceKey key) {
        if (!namespace.equals(key.namespace())) {
            throw new ForbiddenNamespaceException(environmentId, namespace, key.namespace());
        }
    }

    private void notifyListeners(long stored) {
        for (DesiredStateListener listener : listeners) {
            try {
                listener.revisionStored(environmentId, stored);
            } catch (RuntimeException e) {
                LOG.warn("Desired-state listener failed for environment {} revision {}", environmentId, stored, e);
            }
        }
    }
}
