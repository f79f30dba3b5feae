package io.qdranthybrid.platform.session;

import io.qdranthybrid.platform.access.KeyVerification;
import io.qdranthybrid.platform.desired.DesiredChanges;
import io.qdranthybrid.platform.desired.DesiredStateStore;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.SyncFailure;
import io.qdranthybrid.platform.sink.ResourceRejection;
import io.qdranthybrid.protocol.codec.DecodeResult;
import io.qdranthybrid.protocol.codec.DesiredStateSplit;
import io.qdranthybrid.protocol.codec.DesiredStateSplitter;
import io.qdranthybrid.protocol.codec.MessageCodec;
import io.qdranthybrid.protocol.codec.MessageTooLargeException;
import io.qdranthybrid.protocol.message.Ack;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.ControlPlaneMessage;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.DesiredStatePart;
import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.EnvironmentStatus;
import io.qdranthybrid.protocol.message.Heartbeat;
import io.qdranthybrid.protocol.message.Hello;
import io.qdranthybrid.protocol.message.Nack;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.RefusalReason;
import io.qdranthybrid.protocol.message.RefusedResource;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.Refused;
import io.qdranthybrid.protocol.message.Query;
import io.qdranthybrid.protocol.message.QueryResult;
import io.qdranthybrid.protocol.message.ResourceStatus;
import io.qdranthybrid.protocol.message.ResyncRequest;
import io.qdranthybrid.protocol.message.Telemetry;
import io.qdranthybrid.protocol.message.Welcome;
import io.qdranthybrid.protocol.session.FrameRate;
import io.qdranthybrid.protocol.session.HeartbeatMonitor;
import io.qdranthybrid.protocol.session.VersionNegotiation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The control plane's side of one agent connection, independent of the WebSocket server: feed it inbound frames
 * ({@link #onText}), tell it when the connection ends ({@link #transportClosed}), tick it periodically ({@link #tick});
 * it answers through its {@link SessionTransport}.
 *
 * <p>It authenticates the Hello (environment, access key, protocol version) and answers Welcome or Refused; then sends
 * the desired state the agent lacks (a delta since the revision in its Hello, or a snapshot), pushes each new revision,
 * redelivers what stays unacknowledged, and routes what the agent reports to the sinks and the registry. Broken,
 * oversized or unknown frames are Nacked or ignored, never fatal. Thread-safe: every entry point holds the session lock.
 */
public final class AgentSession {

    private static final Logger LOG = LoggerFactory.getLogger(AgentSession.class);
    /** How many recently sent desired states we can map a Nack back to. */
    private static final int REMEMBERED_DESIRED_STATES = 8;
    /** Frames refused as over the rate are logged at most this often per session, with their count. */
    private static final Duration RATE_LIMIT_LOG_INTERVAL = Duration.ofMinutes(1);

    private final AgentGateway gateway;
    private final SessionTransport transport;
    private final SessionSettings settings;
    private final Clock clock;
    private final MessageCodec codec;
    private final DesiredStateSplitter splitter;
    private final String sessionId = UUID.randomUUID().toString();
    private final Instant openedAt;

    private SessionState state = SessionState.AWAITING_HELLO;
    private final String remoteAddress;
    private final FrameRate inboundRate;
    private Instant rateLimitLoggedAt;
    private long rateLimitedSinceLog;
    private boolean handshakePending = true;
    private String environmentId;
    /** The authenticated environment's namespace: the only one its agent may report about. */
    private String namespace;
    private UUID keyId;
    private HeartbeatMonitor monitor;
    private Instant lastContactRecorded;

    /** Highest revision the agent confirmed (Hello or Ack); deltas are computed from here. */
    private long ackedRevision;
    /** Highest revision sent in this session. */
    private long sentRevision;
    /** The unacknowledged desired state: one envelope, or its parts in order; empty when nothing waits. */
    private List<Envelope<ControlPlaneMessage>> desiredInFlight = List.of();
    private Instant desiredSentAt;
    /** What recent desired-state envelopes carried, without their manifests (a snapshot can be megabytes). */
    private final Map<String, SentDesired> recentDesired = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SentDesired> eldest) {
            return size() > REMEMBERED_DESIRED_STATES;
        }
    };
    /** Commands sent and not answered, by envelope id, with when they were sent. */
    private final Map<String, InFlightCommand> commandsInFlight = new LinkedHashMap<>();

    private long framesIn;
    private long framesOut;
    private long unknownTypes;
    private long rejectedInbound;

    private record SentDesired(long revision, long baseRevision, List<ResourceKey> keys, long[] revisions) {
        static SentDesired of(DesiredState state) {
            List<DesiredResource> resources = state.resources();
            long[] revisions = new long[resources.size()];
            for (int i = 0; i < revisions.length; i++) {
                revisions[i] = resources.get(i).revision();
            }
            return new SentDesired(state.revision(), state.baseRevision(),
                    resources.stream().map(DesiredResource::key).toList(), revisions);
        }

        /** The revision at which {@code key} was sent, the state's own if it was not listed. */
        long revisionOf(ResourceKey key) {
            int index = keys.indexOf(key);
            return index < 0 ? revision : revisions[index];
        }
    }

    private record InFlightCommand(Envelope<ControlPlaneMessage> envelope, String commandId, Instant sentAt) {
    }

    AgentSession(AgentGateway gateway, SessionTransport transport) {
        this.gateway = gateway;
        this.transport = transport;
        this.settings = gateway.settings();
        this.clock = gateway.clock();
        this.codec = new MessageCodec(settings.maxMessageBytes());
        this.splitter = new DesiredStateSplitter(codec);
        this.openedAt = clock.instant();
        this.remoteAddress = transport.remoteAddress().orElse(null);
        SessionLimits limits = gateway.limits();
        this.inboundRate = new FrameRate(limits.messagesPerSecond(), limits.messageBurst(), clock);
    }

    public String sessionId() {
        return sessionId;
    }

    public synchronized SessionState state() {
        return state;
    }

    /** The authenticated environment, empty before the handshake. */
    public synchronized Optional<String> environmentId() {
        return state == SessionState.AWAITING_HELLO ? Optional.empty() : Optional.ofNullable(environmentId);
    }

    public synchronized Optional<UUID> keyId() {
        return Optional.ofNullable(keyId);
    }

    /** The highest desired-state revision the agent confirmed. */
    public synchronized long acknowledgedRevision() {
        return ackedRevision;
    }

    public synchronized SessionMetrics metrics() {
        return new SessionMetrics(framesIn, framesOut, unknownTypes, rejectedInbound, ackedRevision, sentRevision,
                !desiredInFlight.isEmpty(), commandsInFlight.size());
    }

    // ---- inbound ----

    /** One text frame from the agent. */
    public synchronized void onText(String text) {
        if (state == SessionState.CLOSED) {
            return;
        }
        framesIn++;
        if (monitor != null) {
            monitor.inboundReceived();
        }
        recordContact();
        if (!inboundRate.tryTake()) {
            // Not even decoded: reading is what the rate protects. The agent's message stays unacknowledged.
            rateLimited();
            return;
        }
        DecodeResult<AgentMessage> result = codec.decodeFromAgent(text);
        if (result instanceof DecodeResult.Decoded<AgentMessage> decoded) {
            try {
                dispatch(decoded.envelope());
            } catch (RuntimeException e) {
                // A failing registry or store (or an environment deleted under us) must not take the session down;
                // whatever the agent sent stays unacknowledged and comes again.
                LOG.error("Session {}: handling {} of environment {} failed", sessionId,
                        decoded.envelope().message().type().wireName(), environmentId, e);
            }
        } else if (result instanceof DecodeResult.UnknownType<AgentMessage> unknown) {
            unknownTypes++;
            LOG.debug("Session {}: ignoring message {} of unknown type '{}' from a newer agent", sessionId,
                    unknown.envelopeId(), unknown.type());
        } else if (result instanceof DecodeResult.Malformed<AgentMessage> malformed) {
            rejectInbound(malformed.envelopeId(), NackReason.MALFORMED, malformed.reason());
        } else if (result instanceof DecodeResult.TooLarge<AgentMessage> tooLarge) {
            rejectInbound(tooLarge.envelopeId(), NackReason.TOO_LARGE, "message of " + tooLarge.sizeBytes()
                    + " bytes exceeds the limit of " + tooLarge.limitBytes() + " bytes");
        }
    }

    /** A frame the protocol does not use (binary, say): answered with a Nack, the session goes on. */
    public synchronized void onUnsupportedFrame(String description) {
        if (state == SessionState.CLOSED) {
            return;
        }
        framesIn++;
        if (monitor != null) {
            monitor.inboundReceived();
        }
        rejectInbound(null, NackReason.MALFORMED, description + " frames are not part of the protocol");
    }

    /** The connection ended (closed by the agent, or failed). */
    public synchronized void transportClosed(int code, String reason) {
        if (state == SessionState.CLOSED) {
            return;
        }
        state = SessionState.CLOSED;
        handshakeEnded();
        LOG.info("Session {} of environment {} ended by the connection ({} {})", sessionId, environmentId, code,
                LogSafe.shortForm(reason));
        gateway.sessionClosed(this, "connection ended: " + code + " " + LogSafe.shortForm(reason));
    }

    // ---- timers and pushes ----

    /** Handshake timeout, heartbeats, dead-peer detection and redelivery. Call every few hundred milliseconds. */
    public synchronized void tick() {
        Instant now = clock.instant();
        if (state == SessionState.AWAITING_HELLO) {
            if (Duration.between(openedAt, now).compareTo(settings.handshakeTimeout()) > 0) {
                closeSession(SessionCloseCodes.HANDSHAKE_TIMEOUT, "no hello within " + settings.handshakeTimeout());
            }
            return;
        }
        if (state != SessionState.ESTABLISHED) {
            return;
        }
        if (monitor.peerSilentTooLong()) {
            closeSession(SessionCloseCodes.HEARTBEAT_TIMEOUT, "no traffic for " + monitor.silence().toMillis() + " ms");
            return;
        }
        if (!desiredInFlight.isEmpty() && !now.isBefore(desiredSentAt.plus(settings.redeliveryInterval()))) {
            LOG.info("Session {}: redelivering desired state revision {} to environment {} (not acknowledged)",
                    sessionId, sentRevision, environmentId);
            desiredSentAt = now;
            desiredInFlight.forEach(this::sendEnvelope);
        }
        for (Map.Entry<String, InFlightCommand> entry : commandsInFlight.entrySet()) {
            InFlightCommand command = entry.getValue();
            if (!now.isBefore(command.sentAt().plus(settings.redeliveryInterval()))) {
                entry.setValue(new InFlightCommand(command.envelope(), command.commandId(), now));
                sendEnvelope(command.envelope());
            }
        }
        if (monitor.heartbeatDue()) {
            send(new Heartbeat());
        }
    }

    /** The environment's store reached a new revision: push what the agent lacks. */
    synchronized void desiredStateChanged() {
        if (state == SessionState.ESTABLISHED) {
            deliverDesiredState();
        }
    }

    /** Sends a command now; the gateway keeps it pending until answered, across reconnects. */
    synchronized void deliverCommand(Command command) {
        if (state != SessionState.ESTABLISHED) {
            return;
        }
        boolean alreadyInFlight = commandsInFlight.values().stream().anyMatch(c -> c.commandId().equals(command.commandId()));
        if (alreadyInFlight) {
            return;
        }
        Envelope<ControlPlaneMessage> envelope = Envelope.wrap(command, clock);
        commandsInFlight.put(envelope.id(), new InFlightCommand(envelope, command.commandId(), clock.instant()));
        sendEnvelope(envelope);
    }

    /** Sends a query now; false when the session is not established (the query is then not sent at all). */
    synchronized boolean deliverQuery(Query query) {
        if (state != SessionState.ESTABLISHED) {
            return false;
        }
        send(query);
        return true;
    }

    /** Asks the agent to report every status again. */
    public synchronized void requestResync(String reason) {
        if (state == SessionState.ESTABLISHED) {
            send(new ResyncRequest(reason));
        }
    }

    /** The key this session authenticated with was rotated: tell the agent why and hang up. */
    synchronized void keyRevoked() {
        if (state != SessionState.CLOSED) {
            LOG.info("Session {} of environment {}: access key {} was rotated", sessionId, environmentId, keyId);
            cut(new Refused(RefusalReason.KEY_ROTATED, "the access key of environment " + environmentId
                    + " was rotated; apply the latest bootstrap commands to give the agent the new key"),
                    SessionCloseCodes.KEY_ROTATED);
        }
    }

    /** The environment was decommissioned: tell the agent and hang up. */
    synchronized void environmentDeleted() {
        if (state != SessionState.CLOSED) {
            cut(new Refused(RefusalReason.ENVIRONMENT_DISABLED, "environment " + environmentId
                    + " was deleted from the control plane; run the cleanup script to remove the agent"),
                    SessionCloseCodes.ENVIRONMENT_DELETED);
        }
    }

    private void cut(Refused why, int closeCode) {
        send(why);
        closeSession(closeCode, why.reason().name());
    }

    /** Closes from the control plane's side with {@code code}. */
    public synchronized void close(int code, String reason) {
        if (state != SessionState.CLOSED) {
            closeSession(code, reason);
        }
    }

    // ---- dispatch ----

    private void dispatch(Envelope<AgentMessage> envelope) {
        AgentMessage message = envelope.message();
        if (state == SessionState.AWAITING_HELLO) {
            if (message instanceof Hello hello) {
                handshake(hello);
            } else {
                rejectInbound(envelope.id(), NackReason.INVALID, message.type().wireName() + " before hello");
            }
        } else if (message instanceof Ack ack) {
            acknowledged(ack);
        } else if (message instanceof Nack nack) {
            rejected(nack);
        } else if (message instanceof ResourceStatus status) {
            statusReported(envelope.id(), status);
        } else if (message instanceof EnvironmentStatus status) {
            deliverToSink(envelope.id(), () -> gateway.registry().update(environmentId,
                    e -> e.withObservedStatus(status, clock.instant())));
        } else if (message instanceof Telemetry telemetry) {
            deliverToSink(envelope.id(), () -> gateway.telemetrySink().telemetry(environmentId, telemetry));
        } else if (message instanceof QueryResult chunk) {
            gateway.queryResultReceived(this, chunk);
        } else if (message instanceof Hello) {
            rejectInbound(envelope.id(), NackReason.INVALID, "hello on an established session");
        }
        // Heartbeats only refresh the monitor, done for every frame.
    }

    private void handshake(Hello hello) {
        String requested = hello.environmentId();
        if (remoteAddress != null && gateway.failedHandshakes().blocked(remoteAddress)) {
            // Checked before the registry and the key: a guesser learns nothing and costs us nothing more.
            refuse(requested, RefusalReason.UNAVAILABLE, "too many failed handshakes from this address; retry later");
            return;
        }
        Optional<Environment> environment = gateway.registry().find(requested);
        if (environment.isEmpty()) {
            handshakeFailed();
            refuse(requested, RefusalReason.UNKNOWN_ENVIRONMENT, "no environment " + requested
                    + " is registered with this control plane; check the agent's environment id");
            return;
        }
        KeyVerification verification = gateway.accessKeys().verify(requested, hello.accessKey());
        if (verification == KeyVerification.BAD_KEY) {
            handshakeFailed();
            refuse(requested, RefusalReason.BAD_ACCESS_KEY, "the access key is not valid for environment " + requested
                    + "; use the key from the latest bootstrap commands");
            return;
        }
        if (verification == KeyVerification.ROTATED) {
            handshakeFailed();
            refuse(requested, RefusalReason.KEY_ROTATED, "the access key of environment " + requested
                    + " was rotated; apply the latest bootstrap commands to give the agent the new key");
            return;
        }
        VersionNegotiation.Result negotiated = VersionNegotiation.negotiate(hello.supportedVersions(),
                settings.supportedVersions());
        if (negotiated instanceof VersionNegotiation.NoCommonVersion none) {
            refuse(requested, none.refused().reason(), none.refused().message());
            return;
        }
        int version = ((VersionNegotiation.Agreed) negotiated).version();
        DesiredStateStore store = gateway.stores().forEnvironment(requested);
        if (!store.isKnownRevision(hello.lastAppliedRevision())) {
            // Believing it would move the store's counter to wherever the agent says (Long.MAX_VALUE overflows it).
            refuse(requested, RefusalReason.PROTOCOL_VIOLATION, "the agent claims desired-state revision "
                    + hello.lastAppliedRevision() + " but the control plane only reached revision " + store.revision()
                    + "; if the control plane lost its desired state, restore it, or delete the agent's state ConfigMap"
                    + " so that it asks for a snapshot");
            return;
        }
        environmentId = requested;
        namespace = environment.get().namespace();
        keyId = hello.accessKey().keyId();
        state = SessionState.ESTABLISHED;
        handshakeEnded();
        monitor = new HeartbeatMonitor(clock, settings.heartbeatInterval(), settings.heartbeatTimeout());
        ackedRevision = hello.lastAppliedRevision();
        sentRevision = hello.lastAppliedRevision();
        lastContactRecorded = null;
        recordContact();
        send(new Welcome(version, sessionId, settings.heartbeatInterval(), settings.heartbeatTimeout(),
                settings.maxMessageBytes()));
        LOG.info("Session {} established for environment {} (agent {}, protocol v{}, last applied revision {})",
                sessionId, environmentId, hello.agentVersion(), version, hello.lastAppliedRevision());
        gateway.refusedHandshakes().admitted(LogSafe.shortForm(environmentId)).ifPresent(LOG::info);
        gateway.sessionEstablished(this);
        if (state != SessionState.ESTABLISHED) {
            return; // the key was rotated while we were welcoming
        }
        deliverDesiredState();
        gateway.pendingCommands(environmentId).forEach(this::deliverCommand);
    }

    private void handshakeFailed() {
        if (remoteAddress != null) {
            gateway.failedHandshakes().failed(remoteAddress);
        }
    }

    /** Leaves the gateway's count of connections waiting for a Hello, once. */
    private void handshakeEnded() {
        if (handshakePending) {
            handshakePending = false;
            gateway.handshakeEnded();
        }
    }

    private void refuse(String requestedEnvironment, RefusalReason reason, String message) {
        gateway.refusedHandshakes().refused(LogSafe.shortForm(requestedEnvironment),
                remoteAddress == null ? "an unknown address" : remoteAddress, reason,
                LogSafe.shortForm(message, 300)).ifPresent(LOG::warn);
        if (reason != RefusalReason.UNKNOWN_ENVIRONMENT && reason != RefusalReason.UNAVAILABLE) {
            gateway.agentRefused(requestedEnvironment, reason + " (" + message + ")");
        }
        send(new Refused(reason, message));
        closeSession(SessionCloseCodes.REFUSED, reason.name());
    }

    private void acknowledged(Ack ack) {
        if (ack.revision() != null) {
            long revision = ack.revision();
            if (revision > sentRevision) {
                rejectInbound(ack.ref(), NackReason.INVALID, "acknowledges desired-state revision " + revision
                        + " but only revision " + sentRevision + " was sent");
                return;
            }
            ackedRevision = Math.max(ackedRevision, revision);
            if (revision >= sentRevision) {
                desiredInFlight = List.of();
            }
            gateway.statusSink().desiredStateApplied(environmentId, revision);
            gateway.registry().find(environmentId)
                    .filter(e -> e.syncFailure() != null && e.syncFailure().revision() <= revision)
                    .ifPresent(e -> {
                        gateway.registry().update(environmentId, current -> current.withAcceptedRevision(revision));
                        LOG.info("Environment {} accepted desired state again at revision {}", environmentId, revision);
                    });
            // Revisions stored while this one was in flight were already pushed; anything newer goes now.
            if (gateway.stores().forEnvironment(environmentId).revision() > sentRevision) {
                deliverDesiredState();
            }
        } else if (ack.commandId() != null) {
            commandsInFlight.remove(ack.ref());
            gateway.commandAnswered(environmentId, new CommandResult.Completed(ack.commandId()));
        }
    }

    private void rejected(Nack nack) {
        String ref = nack.ref();
        SentDesired desired = ref == null ? null : recentDesired.get(ref);
        InFlightCommand command = ref == null ? null : commandsInFlight.remove(ref);
        if (desired != null) {
            desiredRejected(desired, nack);
        } else if (command != null) {
            LOG.warn("Environment {} rejected command {}: {} {}", environmentId, command.commandId(), nack.reason(),
                    nack.message());
            gateway.commandAnswered(environmentId,
                    new CommandResult.Rejected(command.commandId(), nack.reason(), nack.message()));
        } else {
            LOG.warn("Session {}: environment {} rejected message {}: {} {}", sessionId, environmentId,
                    ref == null ? "(unreadable)" : ref, nack.reason(), nack.message());
        }
    }

    private void desiredRejected(SentDesired rejected, Nack nack) {
        if (nack.reason() == NackReason.REVISION_GAP) {
            LOG.info("Environment {} cannot apply delta {}->{}: sending a snapshot", environmentId,
                    rejected.baseRevision(), rejected.revision());
            gateway.stores().forEnvironment(environmentId).snapshot().ifPresent(this::sendDesired);
            return;
        }
        LOG.warn("Environment {} rejected desired state revision {}: {} {}", environmentId, rejected.revision(),
                nack.reason(), nack.message());
        recordSyncFailure(rejected, nack);
        if (nack.reason() != NackReason.APPLY_FAILED && rejected.revision() >= sentRevision) {
            // A final rejection: sending the same state again cannot help. The next revision (or reconnect) retries.
            desiredInFlight = List.of();
        }
    }

    /**
     * Marks the resources a rejection concerns: those the agent named, each with its own reason. A rejection naming
     * none concerns the message as a whole (nothing of it was applied, or an agent that predates naming them), so it
     * marks every resource the message carried.
     */
    private void recordSyncFailure(SentDesired rejected, Nack nack) {
        if (nack.resources().isEmpty()) {
            recordSyncFailure(rejected, nack.reason(), nack.message());
            return;
        }
        Instant now = clock.instant();
        for (RefusedResource refused : nack.resources()) {
            gateway.statusSink().resourceRejected(environmentId, new ResourceRejection(refused.key(),
                    rejected.revisionOf(refused.key()), refused.reason(), refused.message(), now));
        }
        recordEnvironmentSyncFailure(rejected, nack.reason(), nack.message(), now);
    }

    private void recordSyncFailure(SentDesired rejected, NackReason reason, String message) {
        Instant now = clock.instant();
        for (int i = 0; i < rejected.keys().size(); i++) {
            gateway.statusSink().resourceRejected(environmentId, new ResourceRejection(rejected.keys().get(i),
                    rejected.revisions()[i], reason, message, now));
        }
        recordEnvironmentSyncFailure(rejected, reason, message, now);
    }

    private void recordEnvironmentSyncFailure(SentDesired rejected, NackReason reason, String message, Instant now) {
        gateway.registry().update(environmentId, e -> e.withSyncFailure(
                new SyncFailure(rejected.revision(), reason, message, now)));
    }

    private void statusReported(String envelopeId, ResourceStatus status) {
        if (!namespace.equals(status.key().namespace())) {
            rejectInbound(envelopeId, NackReason.FORBIDDEN_NAMESPACE, "a status of " + status.key()
                    + " is outside the environment's namespace " + namespace);
            return;
        }
        if (!gateway.reportedResources().admit(environmentId, status.key(), status.status().path("deleted").asBoolean(false))) {
            rejectInbound(envelopeId, NackReason.LIMIT_EXCEEDED, "the environment already reported statuses of "
                    + gateway.limits().maxStatusKeysPerEnvironment() + " distinct resources; " + status.key()
                    + " would be one more");
            return;
        }
        deliverToSink(envelopeId, () -> gateway.statusSink().resourceStatus(environmentId, status));
    }

    private void deliverToSink(String envelopeId, Runnable delivery) {
        try {
            delivery.run();
        } catch (RuntimeException e) {
            // Unacknowledged, the agent keeps the message and sends it again on its next session.
            LOG.error("Session {}: could not store a report of environment {}; leaving it unacknowledged", sessionId,
                    environmentId, e);
            return;
        }
        send(Ack.of(envelopeId));
    }

    // ---- desired state ----

    private void deliverDesiredState() {
        DesiredStateStore store = gateway.stores().forEnvironment(environmentId);
        if (store.revision() <= sentRevision && store.revision() >= ackedRevision) {
            return;
        }
        // What is in flight reaches the agent before anything sent now (one ordered connection), so build on it: a
        // state computed from the acknowledged revision would repeat it, and a repeated snapshot is applied whole.
        // If the agent fails to apply what is in flight, it answers the delta with REVISION_GAP and gets a snapshot.
        long base = desiredInFlight.isEmpty() ? ackedRevision : sentRevision;
        DesiredChanges changes = store.changesSince(base);
        if (changes instanceof DesiredChanges.Delta delta) {
            sendDesired(delta.state());
        } else if (changes instanceof DesiredChanges.SnapshotRequired snapshot) {
            LOG.info("Session {}: sending environment {} a snapshot at revision {} ({})", sessionId, environmentId,
                    snapshot.state().revision(), snapshot.why());
            sendDesired(snapshot.state());
        }
    }

    private void sendDesired(DesiredState desired) {
        SentDesired sent = SentDesired.of(desired);
        sentRevision = Math.max(sentRevision, desired.revision());
        DesiredStateSplit split;
        try {
            split = splitter.split(desired);
        } catch (MessageTooLargeException e) {
            // Not even parts can carry it: resending cannot help, so surface it as the environment failing to sync.
            desiredInFlight = List.of();
            recordSyncFailure(sent, NackReason.TOO_LARGE, "desired state revision " + desired.revision()
                    + " does not fit " + DesiredStatePart.MAX_PARTS + " messages of " + settings.maxMessageBytes()
                    + " bytes; split large manifests or raise maxMessageBytes");
            return;
        }
        List<Envelope<ControlPlaneMessage>> envelopes = split.messages().stream()
                .map(message -> Envelope.wrap(message, clock)).toList();
        // The agent answers a series with the id of its last part.
        recentDesired.put(envelopes.get(envelopes.size() - 1).id(), sent);
        desiredInFlight = envelopes;
        desiredSentAt = clock.instant();
        if (!split.isWhole()) {
            LOG.info("Session {}: sending environment {} desired state revision {} in {} parts{}", sessionId,
                    environmentId, desired.revision(), envelopes.size(),
                    split.withheld().isEmpty() ? "" : ", withholding " + split.withheld().size() + " too large alone");
        }
        recordWithheld(sent, split.withheld());
        envelopes.forEach(this::sendEnvelope);
    }

    /** Refused here, before the agent answers: the user sees at once which manifest to shrink. */
    private void recordWithheld(SentDesired sent, List<ResourceKey> withheld) {
        Instant now = clock.instant();
        for (ResourceKey key : withheld) {
            gateway.statusSink().resourceRejected(environmentId, new ResourceRejection(key, sent.revisionOf(key),
                    NackReason.TOO_LARGE, key + ": its manifest alone exceeds the " + settings.maxMessageBytes()
                    + "-byte message limit; shrink it (the agent keeps the resource as it was)", now));
        }
    }

    // ---- outbound ----

    /**
     * Refuses a frame over the session's rate. A flooding agent sends thousands in a burst: logged at most once per
     * {@link #RATE_LIMIT_LOG_INTERVAL}, with how many were refused since, instead of a line per frame.
     */
    private void rateLimited() {
        String detail = "more than " + gateway.limits().messagesPerSecond() + " messages per second (burst "
                + gateway.limits().messageBurst() + "); slow down";
        if (state == SessionState.AWAITING_HELLO) {
            rejectInbound(null, NackReason.RATE_LIMITED, detail); // a stranger's flood counts as failed handshakes
            return;
        }
        rejectedInbound++;
        rateLimitedSinceLog++;
        Instant now = clock.instant();
        if (rateLimitLoggedAt == null || !now.isBefore(rateLimitLoggedAt.plus(RATE_LIMIT_LOG_INTERVAL))) {
            LOG.warn("Session {}: refusing agent messages over the rate of {} per second (burst {}) as RATE_LIMITED; "
                    + "{} refused since the last such line; the agent sends them again more slowly", sessionId,
                    gateway.limits().messagesPerSecond(), gateway.limits().messageBurst(), rateLimitedSinceLog);
            rateLimitLoggedAt = now;
            rateLimitedSinceLog = 0;
        }
        send(new Nack(null, NackReason.RATE_LIMITED, detail));
    }

    private void rejectInbound(String ref, NackReason reason, String detail) {
        rejectedInbound++;
        LOG.warn("Session {}: rejecting agent message {} as {}: {}", sessionId,
                ref == null ? "(id unreadable)" : LogSafe.shortForm(ref), reason, LogSafe.shortForm(detail, 300));
        send(new Nack(ref, reason, detail));
        if (state == SessionState.AWAITING_HELLO && remoteAddress != null) {
            // Frames rejected before a Hello cost as much as failed Hellos: a stranger gets a few, then the door.
            gateway.failedHandshakes().failed(remoteAddress);
            if (gateway.failedHandshakes().blocked(remoteAddress)) {
                closeSession(SessionCloseCodes.POLICY_VIOLATION, "too many rejected frames before a hello");
            }
        }
    }

    private void send(ControlPlaneMessage message) {
        sendEnvelope(Envelope.wrap(message, clock));
    }

    private void sendEnvelope(Envelope<ControlPlaneMessage> envelope) {
        String text;
        try {
            text = codec.encode(envelope);
        } catch (MessageTooLargeException e) {
            LOG.error("Session {}: cannot send {} to environment {}: {}", sessionId,
                    envelope.message().type().wireName(), environmentId, e.getMessage());
            return;
        }
        if (transport.send(text)) {
            framesOut++;
            if (monitor != null) {
                monitor.outboundSent();
            }
        }
    }

    private void closeSession(int code, String reason) {
        if (state == SessionState.CLOSED) {
            return;
        }
        state = SessionState.CLOSED;
        handshakeEnded();
        if (code == SessionCloseCodes.REFUSED) {
            // refuse() logged the cause already, once per cause rather than once per retry
            LOG.debug("Closing session {} of environment {}: {} {}", sessionId, environmentId, code, reason);
        } else {
            LOG.info("Closing session {} of environment {}: {} {}", sessionId, environmentId, code, reason);
        }
        try {
            transport.close(code, reason);
        } finally {
            gateway.sessionClosed(this, "closed by the control plane: " + code + " " + reason);
        }
    }

    private void recordContact() {
        if (environmentId == null || state != SessionState.ESTABLISHED) {
            return;
        }
        Instant now = clock.instant();
        if (lastContactRecorded == null
                || Duration.between(lastContactRecorded, now).compareTo(settings.contactRecordInterval()) >= 0) {
            lastContactRecorded = now;
            try {
                gateway.registry().update(environmentId, e -> e.withContact(now));
            } catch (RuntimeException e) {
                LOG.warn("Session {}: could not record contact for environment {}: {}", sessionId, environmentId,
                        e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "AgentSession[" + sessionId + ", environment=" + environmentId + "]";
    }
}
