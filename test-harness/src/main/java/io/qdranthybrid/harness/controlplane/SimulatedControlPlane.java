package io.qdranthybrid.harness.controlplane;

import io.netty.channel.ChannelHandler;
import io.qdranthybrid.platform.access.AccessKeys;
import io.qdranthybrid.platform.desired.DesiredStateStores;
import io.qdranthybrid.platform.session.AgentGateway;
import io.qdranthybrid.platform.session.SessionCloseCodes;
import io.qdranthybrid.platform.sink.InMemoryTelemetrySink;
import io.qdranthybrid.platform.sink.TelemetrySink;
import io.qdranthybrid.platform.usage.ClusterUsageHistory;
import io.qdranthybrid.platform.usage.OperatorMetricsHistory;
import io.qdranthybrid.protocol.message.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;

/**
 * A control plane in one JVM for tests, demos and the sandbox, built on the platform SDK: a real WebSocket endpoint
 * on loopback that unmodified agents dial, plus a Java API shaped like the hosted product's public API.
 *
 * <pre>{@code
 * try (SimulatedControlPlane controlPlane = SimulatedControlPlane.start(ControlPlaneSettings.fast())) {
 *     EnvironmentView env = controlPlane.environments().create("prod", "qdrant");
 *     AgentCredentials credentials = controlPlane.environments().issueAccessKey(env.id());
 *     // start a CloudAgent with credentials.connectionSettings("dev").build()
 *     controlPlane.clusters().create(env.id(), NewCluster.of("orders", 3, "v1.12.3"));
 *     controlPlane.outage();     // agents lose the control plane; the Java API keeps working
 *     controlPlane.clusters().scale(env.id(), "orders", 5);
 *     controlPlane.recover();    // same port; agents reconnect and catch up
 * }
 * }</pre>
 *
 * The same port serves the REST API under {@code /api/v1/}, a live event stream at {@code /api/v1/events} and the
 * web console at {@link #consoleUrl()}. Everything is in memory and lost on {@link #close()}.
 */
public final class SimulatedControlPlane implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedControlPlane.class);
    /** Generous outer bound for one WebSocket message; the session refuses oversized protocol messages itself. */
    private static final int FRAME_LIMIT_FACTOR = 4;

    private final ControlPlaneContext context;
    private final ControlPlaneServer server;
    private final Environments environments;
    private final Clusters clusters;
    private final ClusterReads clusterReads;
    private final Backups backups;
    private final Releases releases;
    private final InMemoryTelemetrySink telemetry = new InMemoryTelemetrySink();
    private final ClusterUsageHistory usageHistory;
    private final ClusterUsageViews usage;
    private final OperatorMetricsHistory operatorHistory;
    private final OperatorMetricsViews operatorMetrics;
    private final RestApi restApi = new RestApi(this);
    private final ConsoleResources consoleResources = new ConsoleResources();
    private final RequestGuard requestGuard;
    private final ControlPlaneStores platformStores;

    private SimulatedControlPlane(ControlPlaneSettings settings, ControlPlaneStores platformStores) {
        this.platformStores = platformStores;
        ControlPlaneEvents events = new ControlPlaneEvents(settings.clock());
        ReportingEnvironmentRegistry registry = new ReportingEnvironmentRegistry(platformStores.environments(), events);
        AccessKeys accessKeys = new AccessKeys(platformStores.accessKeys(), settings.clock());
        DesiredStateStores stores = new DesiredStateStores(registry, platformStores.desiredState());
        ReportingStatusSink statuses = new ReportingStatusSink(events);
        this.usageHistory = ClusterUsageHistory.lastHour(settings.clock());
        this.operatorHistory = OperatorMetricsHistory.lastHour(settings.clock());
        ReportingTelemetrySink reportingTelemetry = new ReportingTelemetrySink(telemetry, events);
        AgentGateway gateway = AgentGateway.builder(registry, accessKeys, stores)
                .statusSink(statuses)
                .telemetrySink(new TelemetrySink() {
                    @Override
                    public void telemetry(String environmentId, Telemetry batch) {
                        reportingTelemetry.telemetry(environmentId, batch);
                        usageHistory.telemetry(environmentId, batch);
                        operatorHistory.telemetry(environmentId, batch);
                    }

                    @Override
                    public void environmentRemoved(String environmentId) {
                        reportingTelemetry.environmentRemoved(environmentId);
                        usageHistory.environmentRemoved(environmentId);
                        operatorHistory.environmentRemoved(environmentId);
                    }
                })
                .settings(settings.sessions())
                .clock(settings.clock())
                .build();
        this.requestGuard = new RequestGuard(settings.advertiseHost());
        this.context = new ControlPlaneContext(settings, registry, accessKeys, stores, statuses, gateway, events);
        this.server = new ControlPlaneServer(settings.port(), () -> new AgentSocketHandler(gateway, events),
                this::newHttpHandler, settings.sessions().maxMessageBytes() * FRAME_LIMIT_FACTOR,
                settings.advertisedAgentUrl() != null);
        this.releases = new Releases(context, SimulatedReleaseCatalogue.seed());
        Offboarding offboarding = new Offboarding(context, this::clusterIdsOf);
        this.environments = new Environments(context, this::bootstrapAgentUrl, releases, offboarding);
        this.clusters = new Clusters(context, releases, offboarding::underway);
        this.clusterReads = new ClusterReads(clusters, context.gateway());
        this.backups = new Backups(context, clusters);
        this.usage = new ClusterUsageViews(clusters, usageHistory, settings.clock());
        this.operatorMetrics = new OperatorMetricsViews(environments, operatorHistory);
    }

    /** The clusters an environment has, those still being deleted included. */
    private java.util.Set<String> clusterIdsOf(String environmentId) {
        return clusters.list(environmentId).stream().map(ClusterView::id)
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** Starts with {@link ControlPlaneSettings#defaults()}: an ephemeral port, production session timing. */
    public static SimulatedControlPlane start() {
        return start(ControlPlaneSettings.defaults());
    }

    public static SimulatedControlPlane start(ControlPlaneSettings settings) {
        return start(settings, ControlPlaneStores.inMemory(settings.clock()));
    }

    /** Keeps environments, key hashes and desired state in {@code stores}, which it closes when it stops. */
    public static SimulatedControlPlane start(ControlPlaneSettings settings, ControlPlaneStores stores) {
        SimulatedControlPlane controlPlane = new SimulatedControlPlane(settings, stores);
        try {
            controlPlane.context.gateway().start();
            controlPlane.server.listen();
        } catch (RuntimeException e) {
            controlPlane.close();
            throw e;
        }
        return controlPlane;
    }

    private ChannelHandler newHttpHandler() {
        return new ConsoleHttpHandler(restApi, context.events(), consoleResources, requestGuard);
    }

    public Environments environments() {
        return environments;
    }

    public Clusters clusters() {
        return clusters;
    }

    /** Logs and Kubernetes events of a cluster, asked of its agent on request. */
    public ClusterReads clusterReads() {
        return clusterReads;
    }

    public Backups backups() {
        return backups;
    }

    /** The release catalogue: the Qdrant versions clusters may run, published to every environment. */
    public Releases releases() {
        return releases;
    }

    /** Every change as it happens, and the recent ones as a timeline. */
    public ControlPlaneEvents events() {
        return context.events();
    }

    /** Metrics and Kubernetes events the agents sent. */
    public InMemoryTelemetrySink telemetry() {
        return telemetry;
    }

    /** Clusters' reported usage: series for charts, flags, downscale risk. */
    public ClusterUsageViews usage() {
        return usage;
    }

    /** Each environment's operator as its agent reports it: reconcile and error rates, queue depth, reachability. */
    public OperatorMetricsViews operatorMetrics() {
        return operatorMetrics;
    }

    /** The SDK gateway underneath, for tests that look at sessions directly. */
    public AgentGateway gateway() {
        return context.gateway();
    }

    /** The wiring underneath, for the REST API's read-only pages. */
    ControlPlaneContext context() {
        return context;
    }

    public int port() {
        return server.port();
    }

    /** The {@code ws://} URL agents dial. */
    public URI agentUrl() {
        return URI.create("ws://127.0.0.1:" + server.port() + ControlPlaneServer.AGENT_PATH);
    }

    /** The URL bootstrap commands give agents: the advertised one when set, else {@link #agentUrl()}. */
    public URI bootstrapAgentUrl() {
        return context.settings().advertisedAgentUrl() != null ? context.settings().advertisedAgentUrl() : agentUrl();
    }

    /** The {@code http://} base of the REST API and web console. */
    public URI consoleUrl() {
        return URI.create("http://127.0.0.1:" + server.port() + "/");
    }

    /**
     * Simulates the control plane going away: the listening socket and every agent connection close at once, with
     * no close handshake. The Java API keeps working; what changes during the outage reaches the agents after
     * {@link #recover()}.
     */
    public void outage() {
        server.stopListening();
        context.events().publish(ControlPlaneEvent.Type.OUTAGE_STARTED, "", "", "port " + server.port() + " closed");
    }

    /** Listens again on the same port; agents reconnect with their own backoff and receive what they missed. */
    public void recover() {
        server.listen();
        context.events().publish(ControlPlaneEvent.Type.OUTAGE_ENDED, "", "", "listening on port " + server.port());
    }

    /** Whether the endpoint is listening (false during an {@link #outage()}). */
    public boolean isUp() {
        return server.isListening();
    }

    /** Cuts one environment's agent session (a going-away close); the agent reconnects by itself. */
    public void disconnect(String environmentId) {
        context.requireEnvironment(environmentId);
        context.gateway().sessionOf(environmentId).ifPresent(session -> {
            LOG.info("Disconnecting the agent of environment {} on request", environmentId);
            session.close(SessionCloseCodes.GOING_AWAY, "disconnected by the simulated control plane");
        });
    }

    @Override
    public void close() {
        context.gateway().close();
        server.close();
        try {
            platformStores.resources().close();
        } catch (Exception e) {
            LOG.warn("Closing the control plane's stores failed: {}", e.toString());
        }
    }
}
