package io.qdranthybrid.protocol.client;

import io.qdranthybrid.threads.SdkThreads;
import io.qdranthybrid.protocol.codec.DecodeResult;
import io.qdranthybrid.protocol.codec.MessageCodec;
import io.qdranthybrid.protocol.codec.MessageTooLargeException;
import io.qdranthybrid.protocol.delivery.ApplyLedger;
import io.qdranthybrid.protocol.delivery.DesiredStateAssembly;
import io.qdranthybrid.protocol.delivery.OutboundBuffer;
import io.qdranthybrid.protocol.delivery.PendingDesiredState;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.Ack;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.Query;
import io.qdranthybrid.protocol.message.QueryError;
import io.qdranthybrid.protocol.message.QueryResult;
import io.qdranthybrid.protocol.delivery.QueryAnswerChunks;
import io.qdranthybrid.protocol.message.ControlPlaneMessage;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.DesiredStatePart;
import io.qdranthybrid.protocol.message.Envelope;
import io.qdranthybrid.protocol.message.EnvironmentStatus;
import io.qdranthybrid.protocol.message.Heartbeat;
import io.qdranthybrid.protocol.message.Hello;
import io.qdranthybrid.protocol.message.Nack;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.Refused;
import io.qdranthybrid.protocol.message.ResourceStatus;
import io.qdranthybrid.protocol.message.ResyncRequest;
import io.qdranthybrid.protocol.message.TelemetryItem;
import io.qdranthybrid.protocol.message.Welcome;
import io.qdranthybrid.protocol.session.FrameRate;
import io.qdranthybrid.protocol.session.HeartbeatMonitor;
import io.qdranthybrid.protocol.session.ReconnectBackoff;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The agent's connection to the control plane. It dials out over a WebSocket, sends a {@link Hello}, and once
 * {@link Welcome}d, hands desired states and commands to the {@link ControlPlaneHandler} (after the
 * {@link ApplyLedger} filtered redeliveries) and answers each with an Ack or Nack. Statuses and telemetry published
 * while disconnected wait in an {@link OutboundBuffer} and are replayed after the next handshake. Lost sessions are
 * retried with {@link ReconnectBackoff}; a permanent refusal (bad key, unknown environment) waits much longer and is
 * reported through {@link #lastRefusal()} and the listener.
 *
 * <p>Threading: all connection state lives on one session thread; the handler runs on a second thread so a slow
 * apply never delays heartbeats. {@link #publish} methods are safe from any thread.
 */
public final class AgentConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentConnection.class);
    private static final Duration MIN_TICK = Duration.ofMillis(10);
    private static final Duration MAX_TICK = Duration.ofSeconds(1);
    /** The shortest wait before a paced flush: sending in batches of a few frames, not one frame per wake-up. */
    private static final Duration MIN_PACED_FLUSH = Duration.ofMillis(50);
    /** How long nothing buffered is sent after the control plane refused a message as over its rate. */
    static final Duration RATE_LIMITED_PAUSE = Duration.ofSeconds(1);
    /** Commands waiting for the apply thread beyond this many are answered UNAVAILABLE instead of queued. */
    static final int COMMAND_QUEUE_CAPACITY = 100;
    /** Queries waiting for the query thread beyond this many are answered FAILED (busy) at once. */
    static final int QUERY_QUEUE_CAPACITY = 20;

    private final AgentConnectionSettings settings;
    private final ControlPlaneHandler handler;
    private final InstructionApplier instructions;
    private final ConnectionListener listener;
    private final ApplyLedger ledger;
    private final Clock clock;
    private final ReconnectBackoff backoff;
    private final OutboundBuffer buffer;
    private final OkHttpClient httpClient;
    private final ScheduledExecutorService session;
    private final ExecutorService applier;
    /** Answers queries apart from applies: a slow log read must not hold up a desired state, nor the reverse. */
    private final ExecutorService querier;
    private final java.util.concurrent.atomic.AtomicInteger queuedQueries = new java.util.concurrent.atomic.AtomicInteger();

    // Owned by the session thread.
    private MessageCodec codec;
    private WebSocket socket;
    private int generation;
    private HeartbeatMonitor monitor;
    private ScheduledFuture<?> pendingReconnect;
    private ScheduledFuture<?> ticker;
    private CountDownLatch socketClosed = new CountDownLatch(0);
    /** Paces buffered messages below the gateway's inbound limit; a fresh bucket per session, as the gateway's is. */
    private FrameRate sendRate;
    private ScheduledFuture<?> pacedFlush;
    /** Since the control plane last refused a message as over its rate, until the buffer is empty again. */
    private boolean slowedDown;
    private Instant slowedDownAt = Instant.MIN;

    private AccessKey accessKey;
    /** The refusal last logged at WARN; the same one again is logged at DEBUG only. */
    private Refused loggedRefusal;

    private volatile ConnectionState state = ConnectionState.NOT_STARTED;
    private volatile Refused lastRefusal;
    private volatile Welcome welcome;

    private final PendingDesiredState pendingDesired = new PendingDesiredState();
    /** Parts of a desired state gathered so far; session thread only. */
    private final DesiredStateAssembly assembly = new DesiredStateAssembly();
    private final java.util.concurrent.atomic.AtomicInteger queuedCommands = new java.util.concurrent.atomic.AtomicInteger();

    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong messagesIn = new AtomicLong();
    private final AtomicLong messagesOut = new AtomicLong();
    private final AtomicLong unknownTypes = new AtomicLong();
    private final AtomicLong inboundRejected = new AtomicLong();

    public AgentConnection(AgentConnectionSettings settings, ControlPlaneHandler handler, ConnectionListener listener,
                           ApplyLedger ledger) {
        this(settings, handler, listener, ledger, Clock.systemUTC(), RandomGenerator.of("L64X128MixRandom"));
    }

    public AgentConnection(AgentConnectionSettings settings, ControlPlaneHandler handler, ConnectionListener listener,
                           ApplyLedger ledger, Clock clock, RandomGenerator random) {
        this.settings = settings;
        this.handler = handler;
        this.instructions = new InstructionApplier(ledger, handler);
        this.listener = listener == null ? ConnectionListener.NONE : listener;
        this.ledger = ledger;
        this.clock = clock;
        this.backoff = new ReconnectBackoff(settings.backoff(), random);
        this.buffer = new OutboundBuffer(settings.telemetryCapacity(), settings.telemetryBatchSize(), clock);
        this.codec = new MessageCodec(settings.maxMessageBytes());
        this.accessKey = settings.accessKey();
        this.httpClient = ControlPlaneHttpClient.create(settings);
        this.session = Executors.newSingleThreadScheduledExecutor(SdkThreads.named("qdrant-agent-session"));
        this.applier = Executors.newSingleThreadExecutor(SdkThreads.named("qdrant-agent-apply"));
        this.querier = Executors.newSingleThreadExecutor(SdkThreads.named("qdrant-agent-query"));
    }

    /** Starts dialling; returns immediately. */
    public void start() {
        session.execute(() -> {
            if (state == ConnectionState.NOT_STARTED) {
                if (settings.plaintext()) {
                    LOG.warn("The control-plane connection is plaintext ws:// (allowed by allowInsecure): the access "
                            + "key is sent unencrypted; use wss:// outside a local test setup");
                }
                connect();
            }
        });
    }

    public void publish(ResourceStatus status) {
        buffer.add(status);
        afterPublish();
    }

    public void publish(EnvironmentStatus status) {
        buffer.add(status);
        afterPublish();
    }

    public void publish(TelemetryItem item) {
        buffer.add(item);
        afterPublish();
    }

    public ConnectionState state() {
        return state;
    }

    /** Why the control plane last refused us; cleared by the next accepted handshake. */
    public Optional<Refused> lastRefusal() {
        return Optional.ofNullable(lastRefusal);
    }

    /** The terms of the current session, empty when not connected. */
    public Optional<Welcome> currentSession() {
        return state == ConnectionState.CONNECTED ? Optional.ofNullable(welcome) : Optional.empty();
    }

    public ConnectionMetrics metrics() {
        long total = sessions.get();
        return new ConnectionMetrics(total, Math.max(0, total - 1), failedAttempts.get(), messagesIn.get(),
                messagesOut.get(), unknownTypes.get(), inboundRejected.get(), buffer.pendingCount(),
                buffer.inFlightCount(), buffer.droppedTotal());
    }

    /**
     * Sends what is buffered, closes the session normally and stops all threads, waiting at most {@code timeout}.
     * Messages published after this call are not sent.
     */
    public void close(Duration timeout) {
        if (session.isShutdown()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        CountDownLatch closed;
        try {
            closed = session.submit(this::closeOnSessionThread).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            closed.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            LOG.warn("Closing the control-plane connection did not complete cleanly: {}", e.toString());
        }
        applier.shutdownNow();
        querier.shutdownNow();
        session.shutdownNow();
        httpClient.dispatcher().executorService().shutdown();
        httpClient.connectionPool().evictAll();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    // ---- session thread ----

    private CountDownLatch closeOnSessionThread() {
        if (state == ConnectionState.CLOSED) {
            return new CountDownLatch(0);
        }
        boolean wasConnected = state == ConnectionState.CONNECTED;
        boolean hadSocket = socket != null;
        state = ConnectionState.CLOSED;
        cancel(pendingReconnect);
        cancel(ticker);
        if (socket != null) {
            if (wasConnected) {
                flush();
            }
            // OkHttp sends the close frame after everything queued, so the flush above goes out first.
            socket.close(1000, "agent shutting down");
            socket = null;
        }
        LOG.info("Control-plane connection for environment {} closed", settings.environmentId());
        return hadSocket ? socketClosed : new CountDownLatch(0);
    }

    private void connect() {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        boolean retryingAfterRefusal = lastRefusal != null;
        if (retryingAfterRefusal) {
            rereadAccessKey();
        }
        state = ConnectionState.CONNECTING;
        int attempt = ++generation;
        monitor = new HeartbeatMonitor(clock, settings.handshakeTimeout().dividedBy(2), settings.handshakeTimeout());
        socketClosed = new CountDownLatch(1);
        CountDownLatch closedLatch = socketClosed;
        Request request = new Request.Builder()
                .url(settings.url().toString())
                .header("User-Agent", "qdrant-hybrid-agent/" + settings.agentVersion())
                .build();
        if (retryingAfterRefusal) {
            LOG.debug("Connecting to control plane {} for environment {}", settings.url(), settings.environmentId());
        } else {
            LOG.info("Connecting to control plane {} for environment {}", settings.url(), settings.environmentId());
        }
        socket = httpClient.newWebSocket(request, new SocketEvents(attempt, closedLatch));
        restartTicker(settings.handshakeTimeout().dividedBy(2));
    }

    private void opened(int attempt) {
        if (attempt != generation || state == ConnectionState.CLOSED) {
            return;
        }
        state = ConnectionState.HANDSHAKING;
        Hello hello = new Hello(settings.environmentId(), accessKey, settings.agentVersion(),
                settings.supportedVersions(), ledger.lastAppliedRevision());
        if (lastRefusal != null) {
            LOG.debug("WebSocket open, sending {}", hello);
        } else {
            LOG.info("WebSocket open, sending {}", hello);
        }
        send(hello);
    }

    private void received(int attempt, String text) {
        if (attempt != generation || state == ConnectionState.CLOSED) {
            return;
        }
        monitor.inboundReceived();
        messagesIn.incrementAndGet();
        DecodeResult<ControlPlaneMessage> result = codec.decodeFromControlPlane(text);
        if (result instanceof DecodeResult.Decoded<ControlPlaneMessage> decoded) {
            notify(l -> l.messageReceived(decoded.envelope().message().type()));
            dispatch(decoded.envelope());
        } else if (result instanceof DecodeResult.UnknownType<ControlPlaneMessage> unknown) {
            unknownTypes.incrementAndGet();
            LOG.debug("Ignoring message {} of unknown type '{}' from a newer control plane", unknown.envelopeId(), unknown.type());
            notify(l -> l.unknownMessageIgnored(unknown.type()));
        } else if (result instanceof DecodeResult.Malformed<ControlPlaneMessage> malformed) {
            rejectInbound(malformed.envelopeId(), NackReason.MALFORMED, malformed.reason());
        } else if (result instanceof DecodeResult.TooLarge<ControlPlaneMessage> tooLarge) {
            rejectInbound(tooLarge.envelopeId(), NackReason.TOO_LARGE, "message of " + tooLarge.sizeBytes()
                    + " bytes exceeds the limit of " + tooLarge.limitBytes() + " bytes");
        }
    }

    private void rejectInbound(String ref, NackReason reason, String detail) {
        inboundRejected.incrementAndGet();
        LOG.warn("Rejecting control-plane message {} as {}: {}", ref == null ? "(id unreadable)" : ref, reason, detail);
        notify(l -> l.inboundRejected(reason, detail));
        send(new Nack(ref, reason, detail));
    }

    private void dispatch(Envelope<ControlPlaneMessage> envelope) {
        ControlPlaneMessage message = envelope.message();
        if (message instanceof Welcome w) {
            welcomed(w);
        } else if (message instanceof Refused r) {
            refused(r);
        } else if (state != ConnectionState.CONNECTED) {
            rejectInbound(envelope.id(), NackReason.INVALID, message.type().wireName() + " before the handshake completed");
        } else if (message instanceof DesiredState desired) {
            if (assembly.abandon()) {
                LOG.info("Dropping an incomplete desired state in parts: revision {} arrived whole", desired.revision());
            }
            offerDesired(envelope.id(), desired);
        } else if (message instanceof DesiredStatePart part) {
            DesiredStateAssembly.Result result = assembly.accept(envelope.id(), part);
            if (result instanceof DesiredStateAssembly.Complete complete) {
                offerDesired(complete.ref(), complete.state());
            } else if (result instanceof DesiredStateAssembly.Discarded discarded) {
                // Unanswered on purpose: the control plane redelivers the whole series.
                LOG.warn("Discarding desired-state parts: {}", discarded.reason());
            }
        } else if (message instanceof Command command) {
            if (queuedCommands.incrementAndGet() > COMMAND_QUEUE_CAPACITY) {
                queuedCommands.decrementAndGet();
                rejectInbound(envelope.id(), NackReason.UNAVAILABLE, "the agent has " + COMMAND_QUEUE_CAPACITY
                        + " commands waiting already; send command " + command.commandId() + " again later");
                return;
            }
            applier.execute(() -> {
                queuedCommands.decrementAndGet();
                replyOnSessionThread(instructions.run(envelope.id(), command));
            });
        } else if (message instanceof Query query) {
            if (queuedQueries.incrementAndGet() > QUERY_QUEUE_CAPACITY) {
                queuedQueries.decrementAndGet();
                send(QueryResult.failed(query.queryId(), QueryError.Code.FAILED, "the agent is answering "
                        + QUERY_QUEUE_CAPACITY + " queries already; ask again in a moment"));
                return;
            }
            querier.execute(() -> {
                queuedQueries.decrementAndGet();
                answer(query);
            });
        } else if (message instanceof ResyncRequest resync) {
            LOG.info("Control plane requested a status resync: {}", resync.reason());
            send(Ack.of(envelope.id()));
            applier.execute(() -> guarded("resyncRequested", () -> handler.resyncRequested(resync)));
        } else if (message instanceof Ack ack) {
            buffer.acknowledge(ack.ref());
            noteCaughtUp();
        } else if (message instanceof Nack nack && nack.reason() == NackReason.RATE_LIMITED) {
            slowDown(nack);
        } else if (message instanceof Nack nack) {
            LOG.warn("Control plane rejected our message {}: {} {}", nack.ref(), nack.reason(), nack.message());
            nack.refIfKnown().ifPresent(buffer::acknowledge);
            applier.execute(() -> guarded("rejectedByControlPlane", () -> handler.rejectedByControlPlane(nack)));
        } else if (!(message instanceof Heartbeat)) {
            LOG.warn("Unhandled control-plane message type {}", message.type());
        }
    }

    private void offerDesired(String ref, DesiredState desired) {
        if (pendingDesired.offer(ref, desired)) {
            applier.execute(this::applyPendingDesired);
        }
    }

    private void welcomed(Welcome w) {
        if (state != ConnectionState.HANDSHAKING) {
            LOG.warn("Ignoring a second Welcome in session {}", w.sessionId());
            return;
        }
        if (!settings.supportedVersions().contains(w.protocolVersion())) {
            failAttempt(new IllegalStateException("control plane chose protocol version " + w.protocolVersion()
                    + " which this agent does not speak " + settings.supportedVersions()));
            return;
        }
        welcome = w;
        sendRate = new FrameRate(settings.sendsPerSecond(), settings.sendBurst(), clock);
        slowedDown = false;
        slowedDownAt = Instant.MIN;
        assembly.abandon(); // parts of the last session's series never complete with this session's
        lastRefusal = null;
        loggedRefusal = null;
        codec = codec.withMaxMessageBytes(Math.min(settings.maxMessageBytes(), w.maxMessageBytes()));
        monitor = new HeartbeatMonitor(clock, w.heartbeatInterval(), w.heartbeatTimeout());
        state = ConnectionState.CONNECTED;
        backoff.connected(clock.instant());
        boolean reconnect = sessions.incrementAndGet() > 1;
        LOG.info("Session {} established with the control plane (protocol v{}, environment {})",
                w.sessionId(), w.protocolVersion(), settings.environmentId());
        notify(l -> l.connected(w, reconnect));
        restartTicker(w.heartbeatInterval().dividedBy(4));
        flush();
    }

    private void refused(Refused r) {
        lastRefusal = r;
        failedAttempts.incrementAndGet();
        Duration delay = r.reason().permanent() ? backoff.refusedDelay() : backoff.nextDelay(clock.instant());
        // Once per change: an agent refused for hours must not log the same three lines at every attempt.
        if (r.equals(loggedRefusal)) {
            LOG.debug("Control plane refused environment {} again: {}; retrying in {}", settings.environmentId(),
                    r.reason(), delay);
        } else {
            LOG.warn("Control plane refused environment {}: {} ({}); retrying in {}{}", settings.environmentId(),
                    r.reason(), r.message(), delay, r.reason().permanent()
                            ? " (waits double while refused; the access key is read again before each attempt)" : "");
            loggedRefusal = r;
        }
        notify(l -> l.refused(r, delay));
        abandonSocket(1000, "refused");
        scheduleReconnect(delay);
    }

    private void connectionLost(int attempt, String reason, Throwable cause) {
        if (attempt != generation || state == ConnectionState.CLOSED) {
            return;
        }
        if (state == ConnectionState.CONNECTED) {
            abandonSocket(1001, "going away");
            buffer.requeueUnacknowledged();
            LOG.warn("Session with the control plane lost: {}", reason);
            notify(l -> l.disconnected(reason));
            scheduleReconnect(backoff.nextDelay(clock.instant()));
        } else {
            failAttempt(cause != null ? cause : new IllegalStateException(reason));
        }
    }

    private void failAttempt(Throwable cause) {
        abandonSocket(1002, "handshake failed");
        failedAttempts.incrementAndGet();
        Duration delay = backoff.nextDelay(clock.instant());
        LOG.warn("Could not establish a session with {}: {}; retrying in {}", settings.url(), cause.toString(), delay);
        notify(l -> l.connectFailed(cause));
        scheduleReconnect(delay);
    }

    /** After a refusal: the key may have been rotated in the file it comes from. */
    private void rereadAccessKey() {
        AccessKeySource source = settings.accessKeySource();
        if (source == null) {
            return;
        }
        try {
            AccessKey fresh = source.read();
            if (fresh != null && !fresh.equals(accessKey)) {
                LOG.info("Access key for environment {} changed (now key {}); using it", settings.environmentId(),
                        fresh.keyId());
                accessKey = fresh;
            }
        } catch (RuntimeException e) {
            // The message of AccessKey.parse and of file reads never contains the secret.
            LOG.warn("Could not read the access key again, keeping key {}: {}", accessKey.keyId(), e.getMessage());
        }
    }

    private void tick() {
        if (socket == null) {
            return;
        }
        if (monitor.peerSilentTooLong()) {
            String reason = "no traffic from the control plane for " + monitor.silence().toMillis() + " ms";
            socket.cancel();
            connectionLost(generation, reason, new TimeoutException(reason));
        } else if (state == ConnectionState.CONNECTED && monitor.heartbeatDue()) {
            send(new Heartbeat());
        }
    }

    private void flush() {
        if (state == ConnectionState.CONNECTED && socket != null) {
            List<Envelope<AgentMessage>> envelopes = buffer.drain(sendRate.available());
            sendRate.take(envelopes.size());
            envelopes.forEach(this::sendEnvelope);
            if (buffer.pendingCount() > 0) {
                flushWhenPaced(sendRate.untilNext());
            }
            noteCaughtUp();
        }
        notify(l -> l.bufferChanged(buffer.pendingCount(), buffer.droppedTotal()));
    }

    /** Flushes again once the send rate allows; at most one such flush waits at a time. */
    private void flushWhenPaced(Duration delay) {
        if (pacedFlush == null) {
            long millis = Math.max(MIN_PACED_FLUSH.toMillis(), delay.toMillis());
            pacedFlush = session.schedule(this::pacedFlush, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Ends a slow-down once everything held back was taken, so the next one is logged again. */
    private void noteCaughtUp() {
        if (slowedDown && buffer.pendingCount() == 0 && buffer.inFlightCount() == 0) {
            slowedDown = false;
            LOG.info("The control plane has taken every message held back");
        }
    }

    private void pacedFlush() {
        pacedFlush = null;
        flush();
    }

    /**
     * The control plane refused a message unread as over its rate (the Nack names none). Everything unacknowledged is
     * sent again (statuses coalesce, so repeats are harmless) after a pause, at half the rate each time the control
     * plane still refuses (one halving per pause, however many Nacks a burst brings), until the session ends. Logged
     * once until the buffer is empty again: a burst of refusals is one event for whoever reads the log.
     */
    private void slowDown(Nack nack) {
        Instant now = clock.instant();
        if (!now.isBefore(slowedDownAt.plus(RATE_LIMITED_PAUSE))) {
            sendRate = sendRate.halved();
            slowedDownAt = now;
        }
        if (!slowedDown) {
            slowedDown = true;
            LOG.warn("The control plane limits how fast it reads our messages ({}); sending what it did not take "
                    + "again, more slowly", nack.message());
        } else {
            LOG.debug("Control plane refused a message as over its rate again: {}", nack.message());
        }
        buffer.requeueUnacknowledged();
        cancel(pacedFlush);
        pacedFlush = session.schedule(this::pacedFlush, RATE_LIMITED_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void send(AgentMessage message) {
        sendEnvelope(Envelope.wrap(message, clock));
    }

    private void sendEnvelope(Envelope<AgentMessage> envelope) {
        if (socket == null) {
            return;
        }
        String text;
        try {
            text = codec.encode(envelope);
        } catch (MessageTooLargeException e) {
            List<Envelope<AgentMessage>> halves = buffer.splitOversized(envelope);
            if (halves.isEmpty()) {
                // Retrying cannot make it smaller; give it up (counted) rather than block everything behind it.
                LOG.error("Dropping outbound {}: {}", envelope.message().type().wireName(), e.getMessage());
                buffer.giveUpOversized(envelope, "too large to send: " + e.getMessage())
                        .ifPresent(this::sendEnvelope);
            } else {
                halves.forEach(this::sendEnvelope);
            }
            return;
        }
        if (socket.send(text)) {
            monitor.outboundSent();
            messagesOut.incrementAndGet();
            notify(l -> l.messageSent(envelope.message().type()));
        }
    }

    private void scheduleReconnect(Duration delay) {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        state = ConnectionState.WAITING_TO_RECONNECT;
        cancel(ticker);
        int attempt = backoff.failedAttempts();
        notify(l -> l.reconnectScheduled(delay, attempt));
        pendingReconnect = session.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Forgets the current socket so its late callbacks are ignored. */
    private void abandonSocket(int code, String reason) {
        generation++;
        if (socket != null) {
            socket.close(code, reason);
            socket = null;
        }
    }

    private void restartTicker(Duration period) {
        cancel(ticker);
        long millis = Math.max(MIN_TICK.toMillis(), Math.min(MAX_TICK.toMillis(), period.toMillis()));
        ticker = session.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void afterPublish() {
        try {
            session.execute(this::flush);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Connection closed; the published message stays unsent");
        }
    }

    // ---- apply thread ----

    /** Applies the one waiting desired state and answers every envelope folded into it. */
    private void applyPendingDesired() {
        pendingDesired.take().ifPresent(batch -> {
            AgentMessage answer = instructions.apply(batch.latestRef(), batch.state());
            replyOnSessionThread(answer);
            for (PendingDesiredState.Waiting waiting : batch.folded()) {
                replyOnSessionThread(answer instanceof Nack nack ? nack.withRef(waiting.ref())
                        : Ack.ofRevision(waiting.ref(), waiting.revision()));
            }
        });
    }

    /** Runs the handler and sends its answer in bounded chunks; an answer finished after a disconnect is dropped. */
    private void answer(Query query) {
        String text;
        try {
            text = handler.answerQuery(query);
        } catch (QueryRefusedException e) {
            LOG.info("Query {} ({}) refused: {} {}", query.queryId(), query.name(), e.code(), e.getMessage());
            replyOnSessionThread(QueryResult.failed(query.queryId(), e.code(), e.getMessage()));
            return;
        } catch (RuntimeException e) {
            LOG.warn("Query {} ({}) failed", query.queryId(), query.name(), e);
            replyOnSessionThread(QueryResult.failed(query.queryId(), QueryError.Code.FAILED, "the agent failed to answer "
                    + query.name() + ": " + e.getMessage()));
            return;
        }
        try {
            session.execute(() -> {
                if (state != ConnectionState.CONNECTED) {
                    return; // the control plane forgot the query with the session; it asks again
                }
                // Room for JSON escaping (up to 6 bytes per byte) within the agreed message size.
                int chunkBytes = Math.max(4, Math.min(QueryAnswerChunks.DEFAULT_CHUNK_BYTES, codec.maxMessageBytes() / 8));
                for (QueryResult chunk : QueryAnswerChunks.split(query.queryId(), text == null ? "" : text, chunkBytes,
                        QueryAnswerChunks.DEFAULT_MAX_ANSWER_BYTES)) {
                    send(chunk);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Connection closed before the answer to query {} could be sent", query.queryId());
        }
    }

    private void guarded(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.error("The agent handler failed in {}", what, e);
        }
    }

    private void replyOnSessionThread(AgentMessage reply) {
        try {
            // Not connected any more: the control plane redelivers and the ledger answers without re-applying.
            session.execute(() -> {
                if (state == ConnectionState.CONNECTED) {
                    send(reply);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Connection closed before the reply could be sent");
        }
    }

    // ---- helpers ----

    private void notify(Consumer<ConnectionListener> event) {
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            LOG.warn("Connection listener failed", e);
        }
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }


    /** OkHttp callbacks hop onto the session thread, tagged with the attempt they belong to. */
    private final class SocketEvents extends WebSocketListener {
        private final int attempt;
        private final CountDownLatch closed;

        SocketEvents(int attempt, CountDownLatch closed) {
            this.attempt = attempt;
            this.closed = closed;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            onSession(() -> opened(attempt));
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            onSession(() -> received(attempt, text));
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            // The protocol is text-only; a binary frame is as broken as malformed JSON.
            onSession(() -> {
                if (attempt == generation) {
                    monitor.inboundReceived();
                    rejectInbound(null, NackReason.MALFORMED, "binary frames are not part of the protocol");
                }
            });
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
            onSession(() -> connectionLost(attempt, "control plane closed the session (" + code + " " + reason + ")", null));
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            closed.countDown();
            onSession(() -> connectionLost(attempt, "closed (" + code + " " + reason + ")", null));
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            closed.countDown();
            String detail = response == null ? failure.toString() : failure + " (HTTP " + response.code() + ")";
            onSession(() -> connectionLost(attempt, detail, failure));
        }

        private void onSession(Runnable action) {
            try {
                session.execute(action);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                closed.countDown();
            }
        }
    }
}
