package io.qdranthybrid.platform.session;

import io.qdranthybrid.threads.SdkThreads;
import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.platform.access.AccessKeys;
import io.qdranthybrid.platform.access.StoredAccessKey;
import io.qdranthybrid.platform.desired.DesiredStateStore;
import io.qdranthybrid.platform.desired.DesiredStateStores;
import io.qdranthybrid.platform.environment.AgentPresence;
import io.qdranthybrid.platform.environment.EnvironmentRegistry;
import io.qdranthybrid.platform.presence.InMemorySessionLeases;
import io.qdranthybrid.platform.presence.SessionLease;
import io.qdranthybrid.platform.presence.SessionLeases;
import io.qdranthybrid.platform.sink.InMemoryStatusSink;
import io.qdranthybrid.platform.sink.InMemoryTelemetrySink;
import io.qdranthybrid.platform.sink.StatusSink;
import io.qdranthybrid.platform.sink.TelemetrySink;
import io.qdranthybrid.protocol.delivery.QueryAnswerAssembly;
import io.qdranthybrid.protocol.delivery.QueryAnswerChunks;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.Query;
import io.qdranthybrid.protocol.message.QueryResult;
import io.qdranthybrid.protocol.message.ResourceKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where agents' connections land: the piece a control plane embeds behind its WebSocket endpoint. Each accepted
 * connection becomes an {@link AgentSession} via {@link #open}; the gateway keeps one live session per environment
 * (the newest wins), pushes new desired-state revisions to it, cuts it when its access key is rotated, keeps commands
 * pending until the agent answers them, and ticks every session for heartbeats and redelivery.
 *
 * <pre>{@code
 * AgentGateway gateway = AgentGateway.builder(registry, accessKeys, stores).statusSink(mySink).build();
 * gateway.start();
 * // per WebSocket upgrade: new AgentWebSocketListener(gateway)  (or your own SessionTransport + gateway.open)
 * }</pre>
 */
public final class AgentGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentGateway.class);
    private static final int MAX_PENDING_COMMANDS = 1_000;
    /** How long a session lease outlives its replica's last renewal (renewed every third of it). */
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(30);
    /** How long a command waits for its agent's answer before it fails (and is not delivered any more). */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(15);

    private final EnvironmentRegistry registry;
    private final AccessKeys accessKeys;
    private final DesiredStateStores stores;
    private final StatusSink statusSink;
    private final TelemetrySink telemetrySink;
    private final SessionSettings settings;
    private final SessionLimits limits;
    private final Clock clock;
    private final FailedHandshakes failedHandshakes;
    private final RefusedHandshakes refusedHandshakes;
    private final ReportedResources reportedResources;
    private final AtomicInteger awaitingHello = new AtomicInteger();

    private final Set<AgentSession> open = ConcurrentHashMap.newKeySet();
    private final Map<String, AgentSession> established = new ConcurrentHashMap<>();
    private final Map<String, AgentPresence> presence = new ConcurrentHashMap<>();
    private final CommandQueue commandQueue;
    private final Duration commandTimeout;
    /** Commands sent through this replica whose answer someone waits for here, by command id. */
    private final Map<String, PendingCommand> waitingHere = new ConcurrentHashMap<>();
    private volatile Instant commandsCheckedAt = Instant.MIN;
    private volatile boolean commandCheckFailing;
    private volatile ScheduledExecutorService ticker;
    /** Shared-store upkeep (leases, commands) on a thread of its own: a slow database must not delay heartbeats. */
    private volatile ScheduledExecutorService housekeeper;
    private final String replicaId;
    private final SessionLeases leases;
    private final Duration leaseDuration;
    private final Map<String, SessionLease> heldLeases = new ConcurrentHashMap<>();
    private volatile Instant leasesRenewedAt = Instant.MIN;
    private volatile boolean leaseRenewalFailing;

    /** Queries sent through this replica and not answered yet, by query id; each belongs to the session it went out on. */
    private final Map<String, PendingQuery> queries = new ConcurrentHashMap<>();
    private static final int MAX_PENDING_QUERIES = 1_000;

    private record PendingQuery(String environmentId, AgentSession session, String name, QueryAnswerAssembly assembly,
                                CompletableFuture<QueryAnswerAssembly.Answered> result) {
    }

    private record PendingCommand(String environmentId, Command command, Instant deadline,
                                  CompletableFuture<CommandResult> result) {
    }

    private AgentGateway(Builder builder) {
        this.registry = builder.registry;
        this.accessKeys = builder.accessKeys;
        this.stores = builder.stores;
        this.statusSink = builder.statusSink;
        this.telemetrySink = builder.telemetrySink;
        this.settings = builder.settings;
        this.limits = builder.limits;
        this.clock = builder.clock;
        this.replicaId = builder.replicaId;
        this.leases = builder.leases;
        this.leaseDuration = builder.leaseDuration;
        this.commandQueue = builder.commandQueue;
        this.commandTimeout = builder.commandTimeout;
        this.failedHandshakes = new FailedHandshakes(limits.failedHandshakesPerAddress(), limits.failedHandshakeWindow(),
                clock);
        this.refusedHandshakes = new RefusedHandshakes(clock);
        this.reportedResources = new ReportedResources(limits.maxStatusKeysPerEnvironment());
        accessKeys.addRevocationListener(this::keyRevoked);
        stores.addListener((environmentId, revision) -> sessionOf(environmentId).ifPresent(AgentSession::desiredStateChanged));
        commandQueue.subscribe(new CommandQueue.Listener() {
            @Override
            public void commandQueued(String environmentId) {
                sessionOf(environmentId).ifPresent(session -> pendingCommands(environmentId)
                        .forEach(session::deliverCommand));
            }

            @Override
            public void commandAnswered(String environmentId, String commandId) {
                if (waitingHere.containsKey(commandId)) {
                    commandQueue.answerOf(commandId).ifPresent(AgentGateway.this::completeWaiting);
                }
            }
        });
    }

    public static Builder builder(EnvironmentRegistry registry, AccessKeys accessKeys, DesiredStateStores stores) {
        return new Builder(registry, accessKeys, stores);
    }

    /**
     * A session for a newly accepted connection; feed it the connection's frames. Beyond
     * {@link SessionLimits#maxPendingHandshakes} connections waiting for their Hello, the new one is closed at once
     * ({@link SessionCloseCodes#TRY_AGAIN_LATER}) and the returned session ignores whatever comes.
     */
    public AgentSession open(SessionTransport transport) {
        AgentSession session = new AgentSession(this, transport);
        if (awaitingHello.incrementAndGet() > limits.maxPendingHandshakes()) {
            LOG.warn("Turning away a connection from {}: {} connections already wait for their hello",
                    transport.remoteAddress().orElse("an unknown address"), limits.maxPendingHandshakes());
            session.close(SessionCloseCodes.TRY_AGAIN_LATER, "too many pending handshakes");
            return session;
        }
        open.add(session);
        return session;
    }

    /** Connections accepted and still waiting for their Hello. */
    public int pendingHandshakes() {
        return awaitingHello.get();
    }

    /** Ticks every session on one background thread, at a quarter of the heartbeat interval (10 ms to 1 s). */
    public synchronized void start() {
        if (ticker != null) {
            return;
        }
        long millis = Math.max(10, Math.min(1000, settings.heartbeatInterval().dividedBy(4).toMillis()));
        ticker = Executors.newSingleThreadScheduledExecutor(SdkThreads.named("qdrant-platform-session-ticker"));
        ticker.scheduleWithFixedDelay(this::tickSessions, millis, millis, TimeUnit.MILLISECONDS);
        housekeeper = Executors.newSingleThreadScheduledExecutor(SdkThreads.named("qdrant-platform-replica-housekeeping"));
        long housekeepingMillis = Math.max(10, Math.min(250, leaseDuration.dividedBy(6).toMillis()));
        housekeeper.scheduleWithFixedDelay(this::housekeeping, housekeepingMillis, housekeepingMillis,
                TimeUnit.MILLISECONDS);
    }

    /**
     * One round of heartbeats, timeouts and redeliveries over all sessions, then of {@link #housekeeping}, for callers
     * that drive the gateway themselves; {@link #start} runs both periodically, each on its own thread.
     */
    public void tick() {
        tickSessions();
        housekeeping();
    }

    private void tickSessions() {
        for (AgentSession session : open) {
            try {
                session.tick();
            } catch (RuntimeException e) {
                LOG.error("Ticking session {} failed", session.sessionId(), e);
            }
        }
    }

    /**
     * Renews this replica's session leases and checks its commands when due; {@link #start} calls it periodically on
     * a thread apart from the sessions' ticks.
     */
    public void housekeeping() {
        renewLeasesIfDue();
        checkCommandsIfDue();
    }

    /**
     * Once a second: answers given through another replica whose notification was missed, and commands whose time ran
     * out (they fail here and are not delivered any more).
     */
    private void checkCommandsIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(commandsCheckedAt.plusSeconds(1))) {
            return;
        }
        commandsCheckedAt = now;
        try {
            commandQueue.expire(now);
            for (PendingCommand pending : List.copyOf(waitingHere.values())) {
                Optional<CommandResult> answer = commandQueue.answerOf(pending.command().commandId());
                if (answer.isPresent()) {
                    completeWaiting(answer.get());
                } else if (!now.isBefore(pending.deadline()) && waitingHere.remove(pending.command().commandId(), pending)) {
                    LOG.warn("Command {} ({}) of environment {} timed out unanswered after {}", pending.command().commandId(),
                            pending.command().name(), pending.environmentId(), commandTimeout);
                    pending.result().completeExceptionally(new java.util.concurrent.TimeoutException("the agent of "
                            + "environment " + pending.environmentId() + " did not answer command "
                            + pending.command().commandId() + " (" + pending.command().name() + ") within "
                            + commandTimeout + "; it will not be sent again (is the agent connected? see its presence)"));
                }
            }
            if (commandCheckFailing) {
                LOG.info("Replica {}: pending commands can be checked again", replicaId);
                commandCheckFailing = false;
            }
        } catch (RuntimeException e) {
            if (!commandCheckFailing) {
                LOG.warn("Replica {}: cannot check pending commands ({}); retrying every second", replicaId,
                        e.getMessage());
                commandCheckFailing = true;
            }
        }
    }

    private void completeWaiting(CommandResult result) {
        PendingCommand pending = waitingHere.remove(result.commandId());
        if (pending != null) {
            pending.result().complete(result);
        }
    }

    /**
     * Renews this replica's session leases every third of their duration. A failure (database down) keeps the
     * sessions: they go on, and the next renewal that reaches the database restores the leases.
     */
    private void renewLeasesIfDue() {
        Instant now = clock.instant();
        if (heldLeases.isEmpty() || now.isBefore(leasesRenewedAt.plus(leaseDuration.dividedBy(3)))) {
            return;
        }
        try {
            leases.renew(replicaId, List.copyOf(heldLeases.values()), now.plus(leaseDuration));
            leasesRenewedAt = now;
            if (leaseRenewalFailing) {
                LOG.info("Replica {}: session leases renewed again", replicaId);
                leaseRenewalFailing = false;
            }
        } catch (RuntimeException e) {
            if (!leaseRenewalFailing) {
                LOG.warn("Replica {}: cannot renew {} session leases ({}); sessions go on, other replicas will read "
                        + "them as disconnected once the leases expire", replicaId, heldLeases.size(), e.getMessage());
                leaseRenewalFailing = true;
            }
        }
    }

    /** This replica's id in session leases. */
    public String replicaId() {
        return replicaId;
    }

    public Optional<AgentSession> sessionOf(String environmentId) {
        return Optional.ofNullable(established.get(environmentId));
    }

    /**
     * Whether the environment's agent is connected, gone or refused, and since when, from the session leases shared by
     * the replicas (so the same on each); this replica's own view ({@link #localPresence}) while they cannot be read.
     */
    public AgentPresence presence(String environmentId) {
        try {
            return leases.presence(environmentId, clock.instant());
        } catch (RuntimeException e) {
            // The shared leases cannot be read (database down): this replica's own view is the best there is.
            return localPresence(environmentId);
        }
    }

    /** Whether the environment's agent is connected to this replica, gone or refused, as this replica saw it. */
    public AgentPresence localPresence(String environmentId) {
        return presence.getOrDefault(environmentId, AgentPresence.NEVER_CONNECTED);
    }

    public int openSessions() {
        return open.size();
    }

    /**
     * Sends a command to the environment's agent now or when it next connects (to any replica sharing the
     * {@link CommandQueue}), and redelivers it until answered. The future fails with a
     * {@link java.util.concurrent.TimeoutException} if no answer comes within the command timeout.
     *
     * @throws IllegalStateException if too many commands are already waiting for this environment
     */
    public CompletableFuture<CommandResult> sendCommand(String environmentId, String name, JsonNode args) {
        registry.require(environmentId);
        if (commandQueue.waiting(environmentId) >= MAX_PENDING_COMMANDS) {
            throw new IllegalStateException(MAX_PENDING_COMMANDS + " commands already wait for environment "
                    + environmentId + "; is its agent connected?");
        }
        Command command = new Command(UUID.randomUUID().toString(), name, args);
        Instant deadline = clock.instant().plus(commandTimeout);
        PendingCommand pending = new PendingCommand(environmentId, command, deadline, new CompletableFuture<>());
        waitingHere.put(command.commandId(), pending);
        try {
            commandQueue.enqueue(environmentId, command, deadline);
        } catch (RuntimeException e) {
            waitingHere.remove(command.commandId());
            throw e;
        }
        LOG.info("Command {} ({}) queued for environment {}", command.commandId(), name, environmentId);
        sessionOf(environmentId).ifPresent(session -> session.deliverCommand(command));
        return pending.result();
    }

    /**
     * Asks the environment's agent for a read on request ({@code cluster-logs}, {@code cluster-events}, or any query a
     * custom agent registered) and assembles its chunked answer. Unlike a command, a query is neither stored nor
     * redelivered: it needs the agent's live session on this replica, and is forgotten if that session ends.
     *
     * @return completes with the answer (at most {@link QueryAnswerChunks#DEFAULT_MAX_ANSWER_BYTES}, truncated by the
     *         agent beyond); fails with {@link AgentNotConnectedException} when the agent has no session here,
     *         {@link QueryFailedException} when the agent answered an error, or
     *         {@link java.util.concurrent.TimeoutException} after {@code timeout}
     */
    public CompletableFuture<QueryAnswerAssembly.Answered> query(String environmentId, String name, JsonNode args,
                                                                 Duration timeout) {
        registry.require(environmentId);
        CompletableFuture<QueryAnswerAssembly.Answered> result = new CompletableFuture<>();
        Optional<AgentSession> session = sessionOf(environmentId);
        if (session.isEmpty()) {
            result.completeExceptionally(new AgentNotConnectedException(environmentId, presence(environmentId)));
            return result;
        }
        if (queries.size() >= MAX_PENDING_QUERIES) {
            result.completeExceptionally(new IllegalStateException(MAX_PENDING_QUERIES
                    + " queries already wait for their agents' answers; ask again in a moment"));
            return result;
        }
        Query query = new Query(UUID.randomUUID().toString(), name, args);
        queries.put(query.queryId(), new PendingQuery(environmentId, session.get(), name,
                new QueryAnswerAssembly(QueryAnswerChunks.DEFAULT_MAX_ANSWER_BYTES), result));
        result.whenComplete((answer, error) -> queries.remove(query.queryId()));
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() ->
                result.completeExceptionally(new java.util.concurrent.TimeoutException("the agent of environment "
                        + environmentId + " did not answer " + name + " within " + timeout.toMillis() + " ms; ask again")));
        LOG.debug("Query {} ({}) sent to environment {}", query.queryId(), name, environmentId);
        if (!session.get().deliverQuery(query)) {
            result.completeExceptionally(new AgentNotConnectedException(environmentId, presence(environmentId)));
        }
        return result;
    }

    /** A chunk of an answer arrived on {@code session}; chunks of queries it was not asked on are ignored. */
    void queryResultReceived(AgentSession session, QueryResult chunk) {
        PendingQuery pending = queries.get(chunk.queryId());
        if (pending == null || pending.session() != session) {
            LOG.debug("Session {}: ignoring a chunk of query {} that is not waiting (timed out or unknown)",
                    session.sessionId(), chunk.queryId());
            return;
        }
        QueryAnswerAssembly.Outcome outcome;
        synchronized (pending.assembly()) {
            outcome = pending.assembly().accept(chunk);
        }
        if (outcome instanceof QueryAnswerAssembly.Answered answered) {
            pending.result().complete(answered);
        } else if (outcome instanceof QueryAnswerAssembly.Failed failed) {
            pending.result().completeExceptionally(new QueryFailedException(failed.error()));
        }
    }

    /**
     * Retires an environment, as the hosted product's delete: refused while resources are still desired (delete the
     * clusters first), then the environment leaves the registry (new Hellos get UNKNOWN_ENVIRONMENT), its agent is
     * told and cut, its keys are revoked, its desired state is forgotten and commands still waiting fail. What the
     * agent created in Kubernetes is left for the cleanup script.
     *
     * @throws IllegalStateException naming the resources that are still desired
     */
    public void decommission(String environmentId) {
        registry.require(environmentId);
        List<ResourceKey> remaining = stores.existing(environmentId).map(DesiredStateStore::keys).orElse(List.of());
        if (!remaining.isEmpty()) {
            throw new IllegalStateException("environment " + environmentId + " still has " + remaining.size()
                    + " desired resources (e.g. " + remaining.get(0) + "); delete them first so its agent removes them");
        }
        retire(environmentId);
    }

    /**
     * Retires an environment with desired resources left, as the hosted product's forced delete: nothing is sent to
     * its agent, so whatever it created stays in its namespace (the caller says so to the user). Meant for an agent
     * that is gone; a connected one is told and cut as by {@link #decommission}.
     */
    public void forceDecommission(String environmentId) {
        registry.require(environmentId);
        LOG.info("Environment {} is force-deleted: what its agent created stays in its namespace", environmentId);
        retire(environmentId);
    }

    private void retire(String environmentId) {
        registry.delete(environmentId);
        for (AgentSession session : List.copyOf(open)) {
            if (session.environmentId().filter(environmentId::equals).isPresent()) {
                session.environmentDeleted();
            }
        }
        accessKeys.revokeAll(environmentId);
        stores.remove(environmentId);
        // What the agent reported is about resources that no longer exist for us.
        reportedResources.forget(environmentId);
        presence.remove(environmentId);
        heldLeases.remove(environmentId);
        leases.forget(environmentId);
        statusSink.environmentRemoved(environmentId);
        telemetrySink.environmentRemoved(environmentId);
        commandQueue.forget(environmentId);
        for (PendingCommand p : List.copyOf(waitingHere.values())) {
            if (p.environmentId().equals(environmentId) && waitingHere.remove(p.command().commandId(), p)) {
                p.result().completeExceptionally(new IllegalStateException("environment " + environmentId
                        + " was deleted before its agent answered command " + p.command().commandId()));
            }
        }
        LOG.info("Environment {} decommissioned", environmentId);
    }

    /** Stops ticking and closes every session with GOING_AWAY; agents reconnect to the next instance. */
    @Override
    public void close() {
        ScheduledExecutorService running;
        ScheduledExecutorService upkeep;
        synchronized (this) {
            running = ticker;
            ticker = null;
            upkeep = housekeeper;
            housekeeper = null;
        }
        if (running != null) {
            running.shutdownNow();
        }
        if (upkeep != null) {
            upkeep.shutdownNow();
        }
        for (AgentSession session : List.copyOf(open)) {
            session.close(SessionCloseCodes.GOING_AWAY, "control plane shutting down");
        }
    }

    // ---- called by sessions ----

    SessionSettings settings() {
        return settings;
    }

    Clock clock() {
        return clock;
    }

    SessionLimits limits() {
        return limits;
    }

    FailedHandshakes failedHandshakes() {
        return failedHandshakes;
    }

    RefusedHandshakes refusedHandshakes() {
        return refusedHandshakes;
    }

    ReportedResources reportedResources() {
        return reportedResources;
    }

    void handshakeEnded() {
        awaitingHello.decrementAndGet();
    }

    EnvironmentRegistry registry() {
        return registry;
    }

    AccessKeys accessKeys() {
        return accessKeys;
    }

    DesiredStateStores stores() {
        return stores;
    }

    StatusSink statusSink() {
        return statusSink;
    }

    TelemetrySink telemetrySink() {
        return telemetrySink;
    }

    void sessionEstablished(AgentSession session) {
        String environmentId = session.environmentId().orElseThrow();
        AgentSession previous = established.put(environmentId, session);
        Instant now = clock.instant();
        presence.put(environmentId, AgentPresence.connected(now));
        SessionLease lease = new SessionLease(environmentId, replicaId, session.sessionId(), now, now.plus(leaseDuration));
        heldLeases.put(environmentId, lease);
        try {
            leases.hold(lease);
        } catch (RuntimeException e) {
            LOG.warn("Replica {}: cannot record the lease of session {} of environment {} ({}); the next renewal "
                    + "retries", replicaId, session.sessionId(), environmentId, e.getMessage());
            leasesRenewedAt = Instant.MIN;
        }
        if (previous != null && previous != session) {
            LOG.info("Environment {}: session {} supersedes session {}", environmentId, session.sessionId(),
                    previous.sessionId());
            previous.close(SessionCloseCodes.SUPERSEDED, "superseded by a newer session");
        }
        // The key may have been rotated between verification and now; the listener would have missed this session.
        UUID keyId = session.keyId().orElseThrow();
        if (!accessKeys.isActive(keyId)) {
            session.keyRevoked();
        }
    }

    void sessionClosed(AgentSession session, String why) {
        open.remove(session);
        queries.values().stream().filter(q -> q.session() == session).forEach(q -> q.result().completeExceptionally(
                new AgentNotConnectedException(q.environmentId(), AgentPresence.disconnected(clock.instant(),
                        "the session ended before the agent answered " + q.name() + ": " + why))));
        session.environmentId().ifPresent(id -> {
            if (established.remove(id, session) && registry.find(id).isPresent()) {
                AgentPresence gone = AgentPresence.disconnected(clock.instant(), why);
                presence.put(id, gone);
                heldLeases.computeIfPresent(id, (k, held) -> held.sessionId().equals(session.sessionId()) ? null : held);
                try {
                    leases.release(id, session.sessionId(), gone);
                } catch (RuntimeException e) {
                    LOG.warn("Replica {}: cannot release the lease of session {} of environment {} ({}); it expires "
                            + "instead", replicaId, session.sessionId(), id, e.getMessage());
                }
            }
        });
    }

    /**
     * A Hello naming a registered environment was refused. Shown as the environment's presence only while no agent of
     * it is connected: a stranger's bad guess must not make a working environment look broken.
     */
    void agentRefused(String environmentId, String why) {
        if (!established.containsKey(environmentId) && registry.find(environmentId).isPresent()) {
            // "Refused since" is when the refusals began: an agent retrying with the same bad key does not move it.
            AgentPresence previous = presence.get(environmentId);
            AgentPresence refusal = previous != null && previous.state() == AgentPresence.State.REFUSED
                    && previous.detail().equals(why) ? previous : AgentPresence.refused(clock.instant(), why);
            presence.put(environmentId, refusal);
            try {
                leases.refused(environmentId, refusal, refusal.since());
            } catch (RuntimeException e) {
                LOG.warn("Replica {}: cannot record that environment {}'s agent was refused ({})", replicaId,
                        environmentId, e.getMessage());
            }
        }
    }

    List<Command> pendingCommands(String environmentId) {
        try {
            return commandQueue.pending(environmentId, clock.instant());
        } catch (RuntimeException e) {
            // The session goes on without them; they are delivered when the queue is readable again.
            LOG.warn("Replica {}: cannot read the pending commands of environment {} ({})", replicaId, environmentId,
                    e.getMessage());
            return List.of();
        }
    }

    void commandAnswered(String environmentId, CommandResult result) {
        boolean first;
        try {
            first = commandQueue.answer(environmentId, result);
        } catch (RuntimeException e) {
            // Still pending in the queue: redelivered later, the agent answers again from its ledger.
            LOG.error("Replica {}: cannot record the answer to command {} of environment {} ({}); it is asked again"
                    + " later", replicaId, result.commandId(), environmentId, e.getMessage());
            return;
        }
        if (first) {
            LOG.info("Command {} of environment {} answered: {}", result.commandId(), environmentId,
                    result instanceof CommandResult.Completed ? "completed" : "rejected");
            completeWaiting(result);
        }
    }

    private void keyRevoked(StoredAccessKey key) {
        for (AgentSession session : List.copyOf(open)) {
            if (session.keyId().filter(key.keyId()::equals).isPresent()) {
                session.keyRevoked();
            }
        }
    }

    public static final class Builder {
        private final EnvironmentRegistry registry;
        private final AccessKeys accessKeys;
        private final DesiredStateStores stores;
        private StatusSink statusSink = new InMemoryStatusSink();
        private TelemetrySink telemetrySink = new InMemoryTelemetrySink();
        private SessionSettings settings = SessionSettings.DEFAULT;
        private SessionLimits limits = SessionLimits.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private String replicaId = UUID.randomUUID().toString();
        private SessionLeases leases = new InMemorySessionLeases();
        private Duration leaseDuration = DEFAULT_LEASE_DURATION;
        private CommandQueue commandQueue = new InMemoryCommandQueue();
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;

        private Builder(EnvironmentRegistry registry, AccessKeys accessKeys, DesiredStateStores stores) {
            this.registry = registry;
            this.accessKeys = accessKeys;
            this.stores = stores;
        }

        public Builder statusSink(StatusSink sink) {
            this.statusSink = sink;
            return this;
        }

        public Builder telemetrySink(TelemetrySink sink) {
            this.telemetrySink = sink;
            return this;
        }

        public Builder settings(SessionSettings sessionSettings) {
            this.settings = sessionSettings;
            return this;
        }

        public Builder limits(SessionLimits sessionLimits) {
            this.limits = sessionLimits;
            return this;
        }

        public Builder clock(Clock sessionClock) {
            this.clock = sessionClock;
            return this;
        }

        /** This replica's name in session leases (a pod name, say); a random id by default. */
        public Builder replicaId(String id) {
            this.replicaId = id;
            return this;
        }

        /**
         * Where the replicas record which of them holds each environment's session (in memory by default), and how
         * long a lease lasts unrenewed: after that long without renewals, a dead replica's agents read DISCONNECTED.
         */
        public Builder sessionLeases(SessionLeases sessionLeases, Duration duration) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("lease duration must be positive but was " + duration);
            }
            this.leases = sessionLeases;
            this.leaseDuration = duration;
            return this;
        }

        /**
         * Where commands wait for their agent (in memory by default; shared by replicas, a command sent through one is
         * delivered by the one holding the agent's session), and how long a command waits for its answer before its
         * future fails with a {@link java.util.concurrent.TimeoutException}.
         */
        public Builder commandQueue(CommandQueue queue, Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("command timeout must be positive but was " + timeout);
            }
            this.commandQueue = queue;
            this.commandTimeout = timeout;
            return this;
        }

        public AgentGateway build() {
            return new AgentGateway(this);
        }
    }
}
