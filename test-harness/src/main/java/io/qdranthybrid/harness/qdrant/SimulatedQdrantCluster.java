package io.qdranthybrid.harness.qdrant;

import io.qdranthybrid.harness.qdrant.ShardPlacement.ReplicaPlacement;
import io.qdranthybrid.harness.qdrant.ShardTransferStatus.TransferKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One simulated Qdrant cluster: its Raft consensus (peers, leader, term, commit), the collections and
 * shard replica placement it agrees on, shard transfers in flight, and the data-safety invariants checked
 * after every mutation. The points themselves live on the peers' volumes. All state is guarded by the
 * registry's lock, so every method synchronizes on it.
 */
public final class SimulatedQdrantCluster {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedQdrantCluster.class);

    /** Outcome of one attempt of a starting node to join consensus. */
    enum JoinOutcome { JOINED, WAITING, REFUSED }

    private final ClusterKey key;
    private final SimulationContext sim;
    private final Object lock;
    private final Map<Long, Peer> peers = new LinkedHashMap<>();
    private final Set<Long> removedPeers = new HashSet<>();
    private final Map<String, CollectionState> collections = new LinkedHashMap<>();
    private final List<ShardTransfer> transfers = new ArrayList<>();
    private final List<ShardTransferStatus> abortedTransfers = new ArrayList<>();
    private final DataLossLedger ledger;
    private final List<String> failedProposals = new ArrayList<>();
    private long leader;
    private long term;
    private long commit;
    private Duration commitDelay = Duration.ZERO;
    private int pendingOperations;
    private Duration electionDelay = Duration.ZERO;
    private boolean electionUnderWay;
    private final List<String> stopsWithoutLeader = new ArrayList<>();
    private final ShardResharding resharding = new ShardResharding(this);

    SimulatedQdrantCluster(ClusterKey key, SimulationContext sim) {
        this.key = key;
        this.sim = sim;
        this.lock = sim.lock();
        this.ledger = new DataLossLedger(key);
    }

    /** A peer in consensus; {@code node} is the container currently serving it, null while it is down. */
    static final class Peer {
        final long id;
        String uri;
        String podName;
        String volumeHandle;
        boolean listener;
        QdrantNode node;

        Peer(long id, QdrantNode node) {
            this.id = id;
            attach(node);
        }

        void attach(QdrantNode serving) {
            this.node = serving;
            this.uri = serving.settings().p2pUri();
            this.podName = serving.settings().podName();
            this.volumeHandle = serving.settings().volumeHandle();
            this.listener = serving.settings().listener();
        }
    }

    public ClusterKey key() {
        return key;
    }

    // ---------------------------------------------------------------- harness API

    /** Peer ids in consensus, in join order. */
    public List<Long> peerIds() {
        synchronized (lock) {
            return List.copyOf(peers.keySet());
        }
    }

    /**
     * Peers in the order of their pods' StatefulSet ordinals: a test seeding a collection knows which pod holds which
     * shard, whichever pod happened to join first (the pods start in parallel, so join order varies run to run).
     */
    private List<Long> peersByOrdinal() {
        return peers.values().stream()
                .sorted(java.util.Comparator.comparingInt((Peer p) -> ordinal(p.podName)).thenComparingLong(p -> p.id))
                .map(p -> p.id).toList();
    }

    private static int ordinal(String podName) {
        int dash = podName == null ? -1 : podName.lastIndexOf('-');
        try {
            return dash < 0 ? Integer.MAX_VALUE : Integer.parseInt(podName.substring(dash + 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** The peer id the pod currently serves or last served; empty when it never joined. */
    public Optional<Long> peerIdOf(String podName) {
        synchronized (lock) {
            return peers.values().stream().filter(p -> podName.equals(p.podName)).map(p -> p.id).findFirst();
        }
    }

    public long leader() {
        synchronized (lock) {
            return leader;
        }
    }

    public long term() {
        synchronized (lock) {
            return term;
        }
    }

    /**
     * From now on consensus takes {@code delay} to commit each proposed change (a slow or overloaded leader):
     * the REST call that proposed it waits for the commit up to Qdrant's 10 s and then answers that it gave up,
     * and the change is applied all the same once committed. {@link Duration#ZERO} commits at once again.
     */
    public void delayCommits(Duration delay) {
        synchronized (lock) {
            commitDelay = delay;
            LOG.info("Qdrant cluster {}: consensus now commits changes after {}", key, delay);
        }
    }

    /**
     * From now on an election takes {@code delay}: while it runs there is no leader (every node reports leader 0,
     * consensus changes fail), as between a raft leader's loss and its successor's first heartbeat. Zero elects at
     * once again.
     */
    public void delayElections(Duration delay) {
        synchronized (lock) {
            electionDelay = delay;
        }
    }

    /** Pods whose Qdrant stopped while consensus had no leader, with the term: a restart then risks the quorum. */
    public List<String> stopsWithoutLeader() {
        synchronized (lock) {
            return List.copyOf(stopsWithoutLeader);
        }
    }

    /** Proposed changes not committed yet, as {@code raft_info.pending_operations} reports. */
    public int pendingOperations() {
        synchronized (lock) {
            return pendingOperations;
        }
    }

    /** Changes that consensus committed but could not apply, with why (a duplicate transfer, a missing shard…). */
    public List<String> failedProposals() {
        synchronized (lock) {
            return List.copyOf(failedProposals);
        }
    }

    /**
     * Creates a collection and writes {@code points} into it, spread evenly over the shards, with
     * replicas placed round-robin over the current peers (shard i's first replica on the peer of pod
     * ordinal i), as {@code PUT /collections/{name}} would place them had the pods joined in ordinal order. Replicas are Active at once; needs a majority.
     *
     * @throws QdrantApiException when the collection exists or no majority of peers is reachable
     */
    public void seedCollection(String name, int shardNumber, int replicationFactor, long points) {
        synchronized (lock) {
            if (peers.isEmpty()) {
                throw new IllegalStateException("cluster " + key + " has no peers yet; start a node before seeding " + name);
            }
            createCollection(name, new CollectionConfig(shardNumber, replicationFactor, 4, "Cosine"), null);
            upsert(name, points);
        }
    }

    /**
     * Writes {@code points} new points, spread evenly over the shards, to every reachable Active or
     * Partial replica; unreachable Active replicas miss them and become Dead, as on a real cluster.
     *
     * @throws IllegalStateException when a shard has no reachable Active replica (the write would fail)
     */
    public void upsert(String collection, long points) {
        synchronized (lock) {
            CollectionState state = collection(collection);
            int shardNumber = state.config().shardNumber();
            for (CollectionState.Shard shard : state.shards()) {
                if (shard.id() < shardNumber && share(points, shardNumber, shard.id()) > 0
                        && reachableReplicas(collection, shard, ReplicaState::isActive).isEmpty()) {
                    throw new IllegalStateException("shard " + shard.id() + " of collection " + collection + " in " + key
                            + " has no reachable Active replica; a real cluster would fail this upsert");
                }
            }
            for (CollectionState.Shard shard : state.shards()) {
                // A shard that resharding up is still filling is not on the write hash ring yet.
                long share = shard.id() < shardNumber ? share(points, shardNumber, shard.id()) : 0;
                if (share == 0) {
                    continue;
                }
                for (Map.Entry<Long, ReplicaState> replica : shard.replicas().entrySet()) {
                    long peerId = replica.getKey();
                    if (replica.getValue().isUpdatable() && isReachable(peerId)) {
                        volumeOf(peerId).ifPresent(v -> v.addPoints(collection, shard.id(), share));
                    } else if (replica.getValue() == ReplicaState.Active || replica.getValue() == ReplicaState.Listener) {
                        replica.setValue(ReplicaState.Dead);
                        commit++;
                        LOG.info("Qdrant cluster {}: replica of {}:{} on peer {} missed a write while unreachable, now Dead",
                                key, collection, shard.id(), peerId);
                    }
                }
                shard.acknowledgeWrite(share);
            }
        }
    }

    /**
     * Starts resharding {@code collection} one shard up or down, as Qdrant's {@code start_resharding} cluster operation
     * does; it advances with the transfer speed like any transfer, and ends by itself.
     */
    public void startResharding(String collection, ReshardingDirection direction) {
        synchronized (lock) {
            requireConsensus(null);
            resharding.start(collection(collection), direction);
        }
    }

    /**
     * A shard snapshot starts being recovered into the replica of {@code shardId} on {@code peerId} (an upload to
     * {@code /collections/{name}/shards/{id}/snapshots/upload}): from v1.16.4 the replica is ManualRecovery, which takes
     * no writes and is never recovered automatically; before, it is Partial
     * ({@code MANUAL_RECOVERY_SHARD_STATE_VERSION} in lib/collection/src/shards/replica_set/replica_set_state.rs).
     */
    public void beginShardSnapshotRecovery(String collection, int shardId, long peerId) {
        synchronized (lock) {
            requireConsensus(null);
            CollectionState.Shard shard = collection(collection).shard(shardId);
            requirePeer(peerId);
            Peer peer = peers.get(peerId);
            String version = peer.node != null ? peer.node.settings().version() : NodeLaunchSettings.DEFAULT_VERSION;
            shard.placeReplica(peerId, QdrantVersions.hasManualRecovery(version) ? ReplicaState.ManualRecovery : ReplicaState.Partial);
            volumeOf(peerId).ifPresent(v -> v.putShard(collection, shardId, 0));
            commit++;
            checkInvariants("shard snapshot recovery into " + collection + ":" + shardId + " on peer " + peerId);
        }
    }

    /** The snapshot recovery into that replica ended: it holds the shard's acknowledged points and serves again. */
    public void finishShardSnapshotRecovery(String collection, int shardId, long peerId) {
        synchronized (lock) {
            CollectionState.Shard shard = collection(collection).shard(shardId);
            long points = Math.max(shard.writtenPoints(), bestActivePoints(collection, shard));
            volumeOf(peerId).ifPresent(v -> v.putShard(collection, shardId, points));
            shard.placeReplica(peerId, activeStateOn(peerId));
            commit++;
            checkInvariants("shard snapshot recovered into " + collection + ":" + shardId + " on peer " + peerId);
        }
    }

    /** Where every shard of {@code collection} lives, with the states peers currently see. */
    public CollectionPlacement placement(String collection) {
        synchronized (lock) {
            CollectionState state = collection(collection);
            List<ShardPlacement> shards = new ArrayList<>();
            for (CollectionState.Shard shard : state.shards()) {
                List<ReplicaPlacement> replicas = new ArrayList<>();
                shard.replicas().forEach((peerId, stored) -> replicas.add(new ReplicaPlacement(
                        peerId, Optional.ofNullable(peers.get(peerId)).map(p -> p.podName).orElse(""),
                        visibleState(peerId, stored), replicaPoints(peerId, collection, shard.id()))));
                shards.add(new ShardPlacement(shard.id(), shard.writtenPoints(), replicas));
            }
            return new CollectionPlacement(collection, state.config().shardNumber(), state.config().replicationFactor(), shards);
        }
    }

    public List<String> collectionNames() {
        synchronized (lock) {
            return List.copyOf(collections.keySet());
        }
    }

    public List<ShardTransferStatus> transfers() {
        synchronized (lock) {
            return transfers.stream().map(t -> t.status("")).toList();
        }
    }

    /** Transfers that were aborted, with why; Qdrant only logs these, the harness keeps them for tests. */
    public List<ShardTransferStatus> abortedTransfers() {
        synchronized (lock) {
            return List.copyOf(abortedTransfers);
        }
    }

    public List<DataLossViolation> violations() {
        synchronized (lock) {
            return ledger.violations();
        }
    }

    /** @throws AssertionError listing every recorded violation, when there is any */
    public void assertNoDataLost() {
        DataLossAssertions.assertNone(violations());
    }

    // ---------------------------------------------------------------- node lifecycle

    /** One attempt of a started node to take its place in consensus. */
    JoinOutcome tryJoin(QdrantNode node) {
        synchronized (lock) {
            if (!node.isRunning()) {
                return JoinOutcome.REFUSED;
            }
            if (node.isPartitioned()) {
                node.waiting("network partition: cannot reach any peer of " + key);
                return JoinOutcome.WAITING;
            }
            PeerVolume volume = sim.volumes().attach(node.settings().volumeHandle());
            OptionalLong storedId = volume.peerId();
            if (storedId.isPresent()) {
                return rejoinOrAdopt(node, volume, storedId.getAsLong());
            }
            if (!peers.isEmpty() && !leaderReachable()) {
                return waitForLeader(node);
            }
            long peerId = peers.containsKey(node.proposedPeerId()) || removedPeers.contains(node.proposedPeerId())
                    ? newPeerId() : node.proposedPeerId();
            volume.assignPeerId(peerId);
            addPeer(peerId, node);
            return JoinOutcome.JOINED;
        }
    }

    private JoinOutcome rejoinOrAdopt(QdrantNode node, PeerVolume volume, long peerId) {
        if (removedPeers.contains(peerId)) {
            node.refuse("peer " + peerId + " was removed from the consensus of " + key + "; real Qdrant refuses to start"
                    + " on the storage of a removed peer. Delete the volume " + volume.handle() + " to join as a new peer");
            return JoinOutcome.REFUSED;
        }
        Peer known = peers.get(peerId);
        if (known != null) {
            if (known.node != null && known.node != node && known.node.isRunning()) {
                node.refuse("peer " + peerId + " is already served by pod " + known.podName + " from volume "
                        + known.volumeHandle + "; two nodes cannot share one peer identity");
                return JoinOutcome.REFUSED;
            }
            known.attach(node);
            node.joined(peerId);
            LOG.info("Qdrant cluster {}: peer {} is back on pod {}", key, peerId, known.podName);
            afterReachabilityChange();
            return JoinOutcome.JOINED;
        }
        if (!peers.isEmpty() && !leaderReachable()) {
            return waitForLeader(node);
        }
        // Storage restored from a snapshot: the peer keeps its identity and brings its shards along.
        addPeer(peerId, node);
        adoptLocalShards(peerId, volume);
        return JoinOutcome.JOINED;
    }

    private JoinOutcome waitForLeader(QdrantNode node) {
        node.waiting("cannot reach the consensus leader of " + key + " to join (" + reachablePeers() + " of "
                + peers.size() + " peers reachable)");
        return JoinOutcome.WAITING;
    }

    private void addPeer(long peerId, QdrantNode node) {
        peers.put(peerId, new Peer(peerId, node));
        commit++;
        if (peers.size() == 1) {
            leader = peerId;
            term++;
            LOG.info("Qdrant cluster {}: peer {} on pod {} bootstrapped consensus and leads term {}",
                    key, peerId, node.settings().podName(), term);
            node.logLine("INFO", "qdrant::consensus", "Bootstrapping new cluster; this peer leads term " + term);
        } else {
            LOG.info("Qdrant cluster {}: peer {} on pod {} joined consensus ({} peers)",
                    key, peerId, node.settings().podName(), peers.size());
        }
        node.joined(peerId);
        afterReachabilityChange();
    }

    private void adoptLocalShards(long peerId, PeerVolume volume) {
        volume.collections().forEach((name, config) -> {
            CollectionState state = collections.computeIfAbsent(name, n -> new CollectionState(n, config));
            if (!state.config().equals(config)) {
                LOG.warn("Qdrant cluster {}: restored peer {} has collection {} with {} but consensus has {}; its shards are ignored",
                        key, peerId, name, config, state.config());
                return;
            }
            volume.localShards(name).forEach((shardId, points) -> {
                CollectionState.Shard shard = state.shard(shardId);
                shard.placeReplica(peerId, activeStateOn(peerId));
                shard.raiseWrittenTo(points);
            });
        });
        commit++;
        LOG.info("Qdrant cluster {}: restored peer {} brought collections {}", key, peerId, volume.collections().keySet());
        checkInvariants("restored peer " + peerId + " joined");
    }

    /** The node's process ended: the peer stays in consensus but is down. */
    /** Writes a line to the log of each listed peer's running container (consensus operations are logged by every peer). */
    private void logOnPeers(java.util.Collection<Long> peerIds, String target, String message) {
        for (Long id : peerIds) {
            Peer peer = peers.get(id);
            if (peer != null && peer.node != null && peer.node.isRunning()) {
                peer.node.logLine("INFO", target, message);
            }
        }
    }

    void nodeStopped(QdrantNode node) {
        synchronized (lock) {
            if (node.isJoined() && !leaderReachable()) {
                stopsWithoutLeader.add(node.settings().podName() + " in term " + term);
            }
            for (Peer peer : peers.values()) {
                if (peer.node == node) {
                    peer.node = null;
                    LOG.info("Qdrant cluster {}: peer {} on pod {} is down", key, peer.id, peer.podName);
                    afterReachabilityChange();
                }
            }
        }
    }

    void reachabilityChanged() {
        synchronized (lock) {
            afterReachabilityChange();
        }
    }

    /** Ready as Qdrant's /readyz: joined, connected, and consensus has a leader (a majority is reachable). */
    boolean isReady(QdrantNode node) {
        synchronized (lock) {
            return node.isJoined() && !node.isPartitioned() && hasQuorum();
        }
    }

    // ---------------------------------------------------------------- consensus operations (REST)

    /**
     * Proposes a change to consensus: applied now, or after the commit delay (see {@link #delayCommits}). A change
     * that cannot even be proposed (no leader, the node is cut off) fails at once, as Qdrant answers "Failed to
     * propose operation"; one that fails when applied fails its future and is recorded.
     */
    CompletableFuture<Object> propose(String change, QdrantNode via, Supplier<Object> apply) {
        synchronized (lock) {
            requireConsensus(via);
            if (commitDelay.isZero()) {
                return CompletableFuture.completedFuture(apply.get());
            }
            CompletableFuture<Object> applied = new CompletableFuture<>();
            pendingOperations++;
            sim.timer().schedule(() -> {
                synchronized (lock) {
                    pendingOperations--;
                    try {
                        applied.complete(apply.get());
                    } catch (QdrantApiException e) {
                        failedProposals.add(change + ": " + e.getMessage());
                        LOG.warn("Qdrant cluster {}: committed change {} failed: {}", key, change, e.getMessage());
                        applied.completeExceptionally(e);
                    }
                }
            }, commitDelay.toMillis(), TimeUnit.MILLISECONDS);
            return applied;
        }
    }

    /**
     * Creates a collection with replicas placed round-robin over the peers. Created through REST (a
     * {@code via} node), replicas start Initializing and turn Active a timer tick later, as on Qdrant;
     * seeded by the harness ({@code via == null}) they are Active at once.
     */
    void createCollection(String name, CollectionConfig config, QdrantNode via) {
        synchronized (lock) {
            requireConsensus(via);
            if (collections.containsKey(name)) {
                throw QdrantApiException.badRequest("Wrong input: Collection `" + name + "` already exists!");
            }
            ReplicaState initial = via == null ? ReplicaState.Active : ReplicaState.Initializing;
            CollectionState state = new CollectionState(name, config);
            List<Long> order = via == null ? peersByOrdinal() : List.copyOf(peers.keySet());
            for (CollectionState.Shard shard : state.shards()) {
                int replicas = Math.min(config.replicationFactor(), order.size());
                for (int r = 0; r < replicas; r++) {
                    long peerId = order.get((shard.id() + r) % order.size());
                    ReplicaState placed = initial == ReplicaState.Active ? activeStateOn(peerId) : initial;
                    shard.placeReplica(peerId, isReachable(peerId) ? placed : ReplicaState.Dead);
                    volumeOf(peerId).ifPresent(v -> v.putShard(name, shard.id(), 0));
                }
            }
            peers.keySet().forEach(id -> volumeOf(id).ifPresent(v -> v.rememberCollection(name, config)));
            collections.put(name, state);
            commit++;
            LOG.info("Qdrant cluster {}: created collection {} with {} shards x {} replicas",
                    key, name, config.shardNumber(), config.replicationFactor());
            // Every peer applies the consensus operation and logs it (toc/collection_meta_ops.rs).
            logOnPeers(peers.keySet(), "storage::content_manager::toc::collection_meta_ops", "Creating collection " + name);
            if (initial == ReplicaState.Initializing) {
                sim.timer().schedule(() -> activate(state), sim.settings().get().retryInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void activate(CollectionState state) {
        synchronized (lock) {
            if (collections.get(state.name()) != state) {
                return;
            }
            state.shards().forEach(shard -> shard.replicas().replaceAll((peerId, replica) -> replica != ReplicaState.Initializing
                    ? replica : isReachable(peerId) ? activeStateOn(peerId) : ReplicaState.Dead));
            commit++;
            afterReachabilityChange();
        }
    }

    boolean deleteCollection(String name, QdrantNode via) {
        synchronized (lock) {
            requireConsensus(via);
            CollectionState removed = collections.remove(name);
            if (removed == null) {
                return false;
            }
            List.copyOf(transfers).stream().filter(t -> t.collection.equals(name)).forEach(t -> {
                t.cancelTicker();
                transfers.remove(t);
            });
            peers.keySet().forEach(id -> volumeOf(id).ifPresent(v -> v.dropCollection(name)));
            ledger.forget(name);
            commit++;
            LOG.info("Qdrant cluster {}: deleted collection {}", key, name);
            return true;
        }
    }

    /** Qdrant's shard transfer methods; the simulation copies the same way for all of them. */
    static final List<String> TRANSFER_METHODS = List.of("stream_records", "snapshot", "wal_delta");

    void startTransfer(TransferKind kind, String collection, int shardId, long from, long to, String method, QdrantNode via) {
        synchronized (lock) {
            requireConsensus(via);
            if (!TRANSFER_METHODS.contains(method)) {
                throw QdrantApiException.badRequest("Format error in JSON body: unknown variant `" + method + "`, expected one of "
                        + TRANSFER_METHODS);
            }
            CollectionState state = collection(collection);
            CollectionState.Shard shard = state.shard(shardId);
            requirePeer(from);
            requirePeer(to);
            if (from == to) {
                throw QdrantApiException.badRequest("Source and target peers of a shard transfer must differ, both are " + from);
            }
            ReplicaState source = shard.replicas().get(from);
            if (source == null) {
                throw QdrantApiException.badRequest("Shard " + shardId + " does not exist on peer " + from);
            }
            if (source != ReplicaState.Active) {
                throw QdrantApiException.badRequest("Shard " + shardId + " on peer " + from + " is " + source
                        + ", only an Active replica can be transferred");
            }
            if (shard.replicas().containsKey(to)) {
                throw QdrantApiException.badRequest("Shard " + shardId + " is already present on peer " + to);
            }
            rejectConcurrentTransfer(collection, shardId);
            // stream_records fills a Partial replica; snapshot and wal_delta a Recovery one, which takes no regular
            // writes (initial_state in start_shard_transfer, lib/collection/src/collection/shard_transfer.rs).
            shard.replicas().put(to, method.equals("stream_records") ? ReplicaState.Partial : ReplicaState.Recovery);
            begin(new ShardTransfer(collection, shardId, from, to, kind, method, replicaPoints(from, collection, shardId),
                    System.nanoTime()));
        }
    }

    void abortTransfer(String collection, int shardId, long from, long to, QdrantNode via) {
        synchronized (lock) {
            requireConsensus(via);
            collection(collection);
            ShardTransfer transfer = transfers.stream()
                    .filter(t -> t.matches(collection, shardId) && t.from == from && t.to == to)
                    .findFirst()
                    // 404, as Qdrant answers for a transfer it does not know (CollectionError::NotFound in
                    // lib/collection/src/collection/shard_transfer.rs, abort_shard_transfer).
                    .orElseThrow(() -> QdrantApiException.notFound("Shard transfer " + from + " -> " + to
                            + " for collection " + collection + ":" + shardId + " does not exist"));
            abort(transfer, "aborted by user request");
        }
    }

    void dropReplica(String collection, int shardId, long peerId, QdrantNode via) {
        synchronized (lock) {
            requireConsensus(via);
            CollectionState.Shard shard = collection(collection).shard(shardId);
            requirePeer(peerId);
            ReplicaState state = shard.replicas().get(peerId);
            if (state == null) {
                throw QdrantApiException.badRequest("Shard " + shardId + " does not exist on peer " + peerId);
            }
            long otherActive = shard.replicas().entrySet().stream()
                    .filter(r -> r.getKey() != peerId && r.getValue().isActive()).count();
            if (state.isActive() && otherActive == 0) {
                throw QdrantApiException.badRequest("Shard " + shardId + " must have at least one active replica after removing "
                        + peerId);
            }
            // Up to v1.16.2 dropping a replica aborted every transfer from or to that peer in the whole collection, not
            // only the dropped shard's (the related-transfers filter of remove-replica in
            // lib/collection/src/collection/collection_ops.rs was by peer; v1.16.3 filters by shard too).
            boolean wholeCollection = via != null && QdrantVersions.dropReplicaAbortsEveryPeerTransfer(via.settings().version());
            List.copyOf(transfers).stream()
                    .filter(t -> t.collection.equals(collection) && t.involves(peerId)
                            && (wholeCollection || t.shardId == shardId))
                    .forEach(t -> abort(t, "replica of shard " + shardId + " on peer " + peerId + " was dropped"));
            shard.replicas().remove(peerId);
            volumeOf(peerId).ifPresent(v -> v.dropShard(collection, shardId));
            commit++;
            LOG.info("Qdrant cluster {}: dropped replica of {}:{} on peer {}", key, collection, shardId, peerId);
            checkInvariants("drop_replica of " + collection + ":" + shardId + " on peer " + peerId);
        }
    }

    void removePeer(long peerId, boolean force, QdrantNode via) {
        synchronized (lock) {
            requireConsensus(via);
            Peer peer = peers.get(peerId);
            if (peer == null) {
                // Real Qdrant proposes the removal anyway and answers 200 true (remove_peer in
                // src/actix/api/cluster_api.rs checks only for shards on a known peer).
                return;
            }
            boolean holdsShards = collections.values().stream()
                    .flatMap(c -> c.shards().stream()).anyMatch(s -> s.replicas().containsKey(peerId));
            if (holdsShards && !force) {
                throw QdrantApiException.badRequest("Cannot remove peer " + peerId + " as there are shards on it");
            }
            List.copyOf(transfers).stream().filter(t -> t.involves(peerId))
                    .forEach(t -> abort(t, "peer " + peerId + " was removed from consensus"));
            collections.values().forEach(c -> c.shards().forEach(s -> s.replicas().remove(peerId)));
            peers.remove(peerId);
            removedPeers.add(peerId);
            commit++;
            LOG.info("Qdrant cluster {}: removed peer {} (pod {}, force={})", key, peerId, peer.podName, force);
            if (peer.node != null) {
                peer.node.refuse("peer " + peerId + " was removed from the consensus of " + key);
            }
            afterReachabilityChange();
            checkInvariants("removal of peer " + peerId + (force ? " with force=true" : ""));
        }
    }

    // ---------------------------------------------------------------- volumes

    boolean usesVolume(String volumeHandle) {
        synchronized (lock) {
            return peers.values().stream().anyMatch(p -> volumeHandle.equals(p.volumeHandle));
        }
    }

    void volumeDeleted(String volumeHandle) {
        synchronized (lock) {
            checkInvariants("deletion of volume " + volumeHandle);
        }
    }

    // ---------------------------------------------------------------- read access for the REST views

    Map<Long, Peer> peers() {
        return peers;
    }

    Map<String, CollectionState> collections() {
        return collections;
    }

    List<ShardTransfer> transfersInFlight() {
        return transfers;
    }

    long commit() {
        return commit;
    }

    CollectionState collection(String name) {
        CollectionState state = collections.get(name);
        if (state == null) {
            throw QdrantApiException.collectionNotFound(name);
        }
        return state;
    }

    /**
     * The state peers report for a replica: the one consensus agreed on. An unreachable peer's replicas stay Active
     * until a write to them fails and marks them Dead (replica_set/update.rs and the peer-failure handling in
     * lib/collection/src/shards/replica_set/mod.rs); unreachability alone changes nothing.
     */
    ReplicaState visibleState(long peerId, ReplicaState stored) {
        return stored;
    }

    long replicaPoints(long peerId, String collection, int shardId) {
        return volumeOf(peerId).map(v -> v.points(collection, shardId)).orElse(0L);
    }

    /** Points of the collection counted once per shard, over the fullest Active replica. */
    long pointsCount(String collection) {
        return collection(collection).shards().stream().mapToLong(s -> bestActivePoints(collection, s)).sum();
    }

    /**
     * The state a replica takes when it becomes complete: Active, or Listener on a listener node, which Qdrant
     * converts from Active (convert_to_listener_callback in lib/storage/src/content_manager/toc/mod.rs).
     */
    ReplicaState activeStateOn(long peerId) {
        Peer peer = peers.get(peerId);
        return peer != null && peer.listener ? ReplicaState.Listener : ReplicaState.Active;
    }

    /** Consensus applied one more change. */
    void committed() {
        commit++;
    }

    /** A leader is established and reachable by a majority: what a connected node reports. */
    boolean hasLeader() {
        return leaderReachable();
    }

    boolean hasQuorum() {
        return !peers.isEmpty() && reachablePeers() * 2 > peers.size();
    }

    private long reachablePeers() {
        return peers.keySet().stream().filter(this::isReachable).count();
    }

    boolean isReachable(long peerId) {
        Peer peer = peers.get(peerId);
        return peer != null && peer.node != null && peer.node.isJoined() && !peer.node.isPartitioned();
    }

    // ---------------------------------------------------------------- internals

    private void afterReachabilityChange() {
        electLeaderIfNeeded();
        startRecoveries();
    }

    private void electLeaderIfNeeded() {
        if (peers.isEmpty() || (isReachable(leader) && hasQuorum()) || !hasQuorum() || electionUnderWay) {
            return;
        }
        if (!electionDelay.isZero()) {
            electionUnderWay = true;
            leader = 0; // raft-rs INVALID_ID: no leader until the election ends
            LOG.info("Qdrant cluster {}: leader lost, election under way for {}", key, electionDelay);
            sim.timer().schedule(() -> {
                synchronized (lock) {
                    electionUnderWay = false;
                    if (!peers.isEmpty() && !(isReachable(leader) && hasQuorum()) && hasQuorum()) {
                        elect();
                    }
                    startRecoveries();
                }
            }, electionDelay.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        elect();
    }

    private void elect() {
        long elected = peers.keySet().stream().filter(this::isReachable).findFirst().orElseThrow();
        leader = elected;
        term++;
        LOG.info("Qdrant cluster {}: peer {} elected leader for term {}", key, elected, term);
    }

    private boolean leaderReachable() {
        return !electionUnderWay && isReachable(leader) && hasQuorum();
    }

    private void requireConsensus(QdrantNode via) {
        if (via != null && (!via.isJoined() || via.isPartitioned())) {
            throw QdrantApiException.noConsensus("this peer is not connected to the consensus of the cluster");
        }
        if (!hasQuorum() || !leaderReachable()) {
            throw QdrantApiException.noConsensus("leader is not established, only "
                    + reachablePeers() + " of " + peers.size() + " peers are reachable");
        }
    }

    private void requirePeer(long peerId) {
        if (!peers.containsKey(peerId)) {
            throw QdrantApiException.badRequest("Peer " + peerId + " does not exist");
        }
    }

    private void rejectConcurrentTransfer(String collection, int shardId) {
        transfers.stream().filter(t -> t.matches(collection, shardId)).findFirst().ifPresent(t -> {
            throw QdrantApiException.badRequest("Shard " + shardId + " is already involved in transfer " + t.from + " -> " + t.to);
        });
    }

    /** Dead replicas on reachable peers are brought up to date from the fullest reachable Active replica. */
    private void startRecoveries() {
        for (CollectionState state : collections.values()) {
            for (CollectionState.Shard shard : state.shards()) {
                for (Map.Entry<Long, ReplicaState> replica : shard.replicas().entrySet()) {
                    if (replica.getValue() != ReplicaState.Dead || !isReachable(replica.getKey())
                            || transfers.stream().anyMatch(t -> t.matches(state.name(), shard.id()))) {
                        continue;
                    }
                    Optional<Long> source = reachableReplicas(state.name(), shard, r -> r == ReplicaState.Active).stream()
                            .max(Comparator.comparingLong(id -> replicaPoints(id, state.name(), shard.id())));
                    if (source.isPresent()) {
                        replica.setValue(ReplicaState.Partial);
                        begin(new ShardTransfer(state.name(), shard.id(), source.get(), replica.getKey(),
                                TransferKind.RECOVERY, "stream_records",
                                replicaPoints(source.get(), state.name(), shard.id()), System.nanoTime()));
                    }
                }
            }
        }
    }

    void begin(ShardTransfer transfer) {
        transfers.add(transfer);
        commit++;
        long tick = sim.settings().get().retryInterval().toMillis();
        transfer.attachTicker(sim.timer().scheduleAtFixedRate(() -> tick(transfer), tick, tick, TimeUnit.MILLISECONDS));
        LOG.info("Qdrant cluster {}: started {} ({} points)", key, transfer, transfer.pointsTotal);
        logOnPeers(List.of(transfer.from, transfer.to), "collection::shards::transfer::driver", "Starting shard transfer of "
                + transfer.collection + ":" + transfer.shardId + " from peer " + transfer.from + " to peer " + transfer.to);
    }

    private void tick(ShardTransfer transfer) {
        synchronized (lock) {
            if (!transfers.contains(transfer)) {
                transfer.cancelTicker();
                return;
            }
            long now = System.nanoTime();
            SimulatedQdrantSettings settings = sim.settings().get();
            if (isReachable(transfer.from) && isReachable(transfer.to)) {
                if (transfer.advance(now, settings.transferPointsPerSecond())) {
                    complete(transfer);
                }
            } else if (transfer.stall(now) > settings.transferStallTimeout().toNanos()) {
                long unreachable = isReachable(transfer.from) ? transfer.to : transfer.from;
                abort(transfer, "peer " + unreachable + " is unreachable, no progress for " + settings.transferStallTimeout());
            }
        }
    }

    private void complete(ShardTransfer transfer) {
        if (ShardResharding.resharding(transfer.kind)) {
            resharding.migrated(transfer, System.nanoTime());
            return;
        }
        transfers.remove(transfer);
        transfer.cancelTicker();
        CollectionState.Shard shard = collections.get(transfer.collection).shard(transfer.shardId);
        long points = replicaPoints(transfer.from, transfer.collection, transfer.shardId);
        volumeOf(transfer.to).ifPresent(v -> v.putShard(transfer.collection, transfer.shardId, points));
        shard.placeReplica(transfer.to, activeStateOn(transfer.to));
        if (transfer.kind == TransferKind.MOVE) {
            shard.replicas().remove(transfer.from);
            volumeOf(transfer.from).ifPresent(v -> v.dropShard(transfer.collection, transfer.shardId));
        }
        commit++;
        LOG.info("Qdrant cluster {}: finished {} ({} points)", key, transfer, points);
        logOnPeers(List.of(transfer.from, transfer.to), "collection::shards::transfer::driver", "Shard transfer of "
                + transfer.collection + ":" + transfer.shardId + " to peer " + transfer.to + " finished (" + points + " points)");
        checkInvariants("completion of " + transfer);
    }

    private void abort(ShardTransfer transfer, String reason) {
        transfers.remove(transfer);
        transfer.cancelTicker();
        CollectionState.Shard shard = collections.get(transfer.collection).shard(transfer.shardId);
        if (ShardResharding.resharding(transfer.kind)) {
            resharding.aborted(transfer);
        } else if (transfer.kind == TransferKind.RECOVERY) {
            shard.replicas().computeIfPresent(transfer.to, (id, state) -> ReplicaState.Dead);
        } else {
            shard.replicas().remove(transfer.to);
            volumeOf(transfer.to).ifPresent(v -> v.dropShard(transfer.collection, transfer.shardId));
        }
        abortedTransfers.add(transfer.status(reason));
        commit++;
        LOG.warn("Qdrant cluster {}: aborting shard transfer {} from {} to {} of collection {}: {}",
                key, transfer.shardId, transfer.from, transfer.to, transfer.collection, reason);
        checkInvariants("abort of " + transfer);
    }

    void checkInvariants(String cause) {
        for (CollectionState state : collections.values()) {
            for (CollectionState.Shard shard : state.shards()) {
                int withData = (int) shard.replicas().entrySet().stream()
                        .filter(r -> !r.getValue().isFilling())
                        .filter(r -> volumeOf(r.getKey()).map(v -> v.hasShard(state.name(), shard.id())).orElse(false))
                        .count();
                ledger.check(cause, state.name(), shard, withData, bestActivePoints(state.name(), shard));
            }
        }
    }

    private long bestActivePoints(String collection, CollectionState.Shard shard) {
        return shard.replicas().entrySet().stream()
                .filter(r -> r.getValue().isActive())
                .mapToLong(r -> replicaPoints(r.getKey(), collection, shard.id()))
                .max().orElse(0);
    }

    private List<Long> reachableReplicas(String collection, CollectionState.Shard shard, Predicate<ReplicaState> state) {
        return shard.replicas().entrySet().stream()
                .filter(r -> state.test(r.getValue()) && isReachable(r.getKey()))
                .map(Map.Entry::getKey).toList();
    }

    Optional<PeerVolume> volumeOf(long peerId) {
        Peer peer = peers.get(peerId);
        return peer == null ? Optional.empty() : sim.volumes().find(peer.volumeHandle);
    }

    private long newPeerId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        } while (peers.containsKey(id) || removedPeers.contains(id));
        return id;
    }

    private static long share(long points, int shardNumber, int shardId) {
        return points / shardNumber + (shardId < points % shardNumber ? 1 : 0);
    }
}
