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
 * continue after a restart. The revision only ever grows by one per change: an agent claiming a revision above the
 * store's is refused by the session (it cannot push the counter anywhere, let alone past {@link Long#MAX_VALUE}).
 *
 * <p>Several replicas may keep a store of the same environment over one shared repository. {@link #catchUp} takes in
 * what the others saved (a {@link DesiredStateChangeFeed} tells when); a change that loses the race to another writer
 * ({@link DesiredStateConflictException}) is applied again on top of what the winner saved.
 */
public final class DesiredStateStore {

    private static final Logger LOG = LoggerFactory.getLogger(DesiredStateStore.class);
    public static final int DEFAULT_HISTORY_LIMIT = 1_000;
    /**
     * The highest revision a store hands out: 2^53 - 1, the largest integer every JSON reader (JavaScript included)
     * reads exactly. At one change per microsecond that lasts 285 years; reaching it refuses changes, never wraps.
     */
    public static final long MAX_REVISION = (1L << 53) - 1;
    /** A store retries a change this often when other writers keep saving first; beyond, the caller gets the conflict. */
    static final int MAX_CONFLICT_RETRIES = 20;

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
        long stored = writeWithRetry(key, () -> {
            DesiredResource current = live.get(key);
            if (current != null && current.manifest().equals(manifest)) {
                return -current.revision(); // unchanged: nothing to tell anyone
            }
            long next = nextRevision();
            DesiredResource resource = DesiredResource.present(key, next, manifest);
            live.put(key, resource);
            commit(resource, current);
            return next;
        });
        if (stored <= 0) {
            return -stored;
        }
        LOG.debug("Environment {}: {} desired at revision {}", environmentId, key, stored);
        return stored;
    }

    /** @return the revision of the deletion, or empty if the resource was not desired anyway */
    public Optional<Long> delete(ResourceKey key) {
        requireOwnNamespace(key);
        long stored = writeWithRetry(key, () -> {
            DesiredResource current = live.remove(key);
            if (current == null) {
                return 0L;
            }
            long next = nextRevision();
            commit(DesiredResource.tombstone(key, next), current);
            return next;
        });
        if (stored <= 0) {
            return Optional.empty();
        }
        LOG.debug("Environment {}: {} deleted at revision {}", environmentId, key, stored);
        return Optional.of(stored);
    }

    /** One change under the store's lock: a positive revision if it stored one, zero or less if nothing changed. */
    @FunctionalInterface
    private interface Change {
        long apply();
    }

    /**
     * Applies {@code change}; when another writer saved first ({@link DesiredStateConflictException}), catches up with
     * the repository and applies it again on top, so the change is neither lost nor stored twice. Listeners hear the
     * final revision once, outside the lock.
     */
    private long writeWithRetry(ResourceKey key, Change change) {
        long caughtUpTo = 0;
        try {
            for (int attempt = 1; ; attempt++) {
                synchronized (this) {
                    try {
                        long stored = change.apply();
                        if (stored > 0) {
                            caughtUpTo = stored;
                        }
                        return stored;
                    } catch (DesiredStateConflictException e) {
                        if (attempt >= MAX_CONFLICT_RETRIES) {
                            throw e;
                        }
                        LOG.info("Environment {}: another writer saved first while storing {} ({}); catching up and "
                                + "retrying", environmentId, key, e.getMessage());
                        caughtUpTo = Math.max(caughtUpTo, catchUpLocked());
                    }
                }
                backOff(attempt);
            }
        } finally {
            if (caughtUpTo > 0) {
                notifyListeners(caughtUpTo);
            }
        }
    }

    /**
     * A random pause of up to 2^attempt ms (at most 100 ms) before retrying, outside the lock: two replicas that keep
     * retrying in step would otherwise let the faster one win every round (client-go's RetryOnConflict backs off too).
     */
    private static void backOff(int attempt) {
        long maxMillis = Math.min(100, 1L << Math.min(attempt, 7));
        java.util.concurrent.locks.LockSupport.parkNanos(
                java.util.concurrent.ThreadLocalRandom.current().nextLong(maxMillis * 1_000_000L + 1));
    }

    /**
     * Reads what the repository holds and takes in whatever other writers (other replicas) saved above this store's
     * revision, then tells the listeners. Cheap when nothing is newer.
     *
     * @return the store's revision afterwards
     */
    public long catchUp() {
        long before;
        long after;
        synchronized (this) {
            before = revision;
            after = catchUpLocked();
        }
        if (after > before) {
            notifyListeners(after);
        }
        return after;
    }

    /** Catches up only if {@code announced} is above the store's revision (a notification of someone's save). */
    public long catchUpTo(long announced) {
        return announced > revision() ? catchUp() : revision();
    }

    /**
     * Takes in the repository's newer state: each resource changed since this store's revision becomes a change in
     * the history at its revision, each live resource the repository no longer has a tombstone at the repository's
     * revision (its exact deletion revision is not kept there; an agent that already deleted it ignores a second
     * tombstone).
     */
    private long catchUpLocked() {
        Optional<PersistedDesiredState> loaded = repository.load(environmentId);
        if (loaded.isEmpty() || loaded.get().revision() <= revision) {
            return revision;
        }
        PersistedDesiredState persisted = loaded.get();
        Map<ResourceKey, DesiredResource> newer = new LinkedHashMap<>();
        for (DesiredResource resource : persisted.resources()) {
            requireOwnNamespace(resource.key());
            newer.put(resource.key(), resource);
        }
        List<DesiredResource> changes = new ArrayList<>();
        for (DesiredResource resource : newer.values()) {
            if (resource.revision() > revision) {
                changes.add(resource);
            }
        }
        changes.sort(java.util.Comparator.comparingLong(DesiredResource::revision));
        for (ResourceKey gone : live.keySet()) {
            if (!newer.containsKey(gone)) {
                changes.add(DesiredResource.tombstone(gone, persisted.revision()));
            }
        }
        long from = revision;
        live.clear();
        live.putAll(newer);
        changes.forEach(this::record);
        revision = persisted.revision();
        LOG.info("Environment {}: desired state caught up from revision {} to {} ({} changes saved elsewhere)",
                environmentId, from, revision, changes.size());
        return revision;
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

    /**
     * What an agent that applied {@code agentRevision} needs next.
     *
     * @throws IllegalArgumentException if {@code agentRevision} is above {@link #revision()}: the store never handed it
     *                                  out, so the caller must refuse the agent rather than ask (see
     *                                  {@link #isKnownRevision})
     */
    public synchronized DesiredChanges changesSince(long agentRevision) {
        if (!isKnownRevision(agentRevision)) {
            throw new IllegalArgumentException("revision " + agentRevision + " of environment " + environmentId
                    + " is not one this store handed out (it is at " + revision + ")");
        }
        if (agentRevision == revision) {
            return new DesiredChanges.UpToDate(revision);
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

    /** Whether an agent may have applied {@code agentRevision}: 0 (nothing) up to the store's revision. */
    public synchronized boolean isKnownRevision(long agentRevision) {
        return agentRevision >= 0 && agentRevision <= revision;
    }

    private long nextRevision() {
        if (revision >= MAX_REVISION) {
            throw new IllegalStateException("environment " + environmentId + " reached the highest desired-state "
                    + "revision " + MAX_REVISION + "; no further change can be stored");
        }
        return revision + 1;
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
