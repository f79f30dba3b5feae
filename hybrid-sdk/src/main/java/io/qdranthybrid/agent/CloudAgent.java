package io.qdranthybrid.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.agent.metrics.ClusterUsageScraper;
import io.qdranthybrid.agent.metrics.OperatorMetricsScraper;
import io.qdranthybrid.agent.metrics.QdrantNodeAddresses;
import io.qdranthybrid.agent.doctor.PrerequisitesDoctor;
import io.qdranthybrid.protocol.client.AgentConnection;
import io.qdranthybrid.protocol.client.AgentConnectionSettings;
import io.qdranthybrid.protocol.client.ConnectionListener;
import io.qdranthybrid.protocol.client.ConnectionMetrics;
import io.qdranthybrid.protocol.client.ConnectionState;
import io.qdranthybrid.protocol.delivery.ApplyLedger;
import io.qdranthybrid.protocol.message.EnvironmentStatus;
import io.qdranthybrid.protocol.message.PrerequisiteCheck;
import io.qdranthybrid.protocol.message.ResourceStatus;
import io.qdranthybrid.protocol.message.TelemetryItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The cloud agent, embeddable: it dials the control plane, applies desired state to allow-listed qdrant.io and
 * cd.qdrant.io objects in its own namespace, and reports their statuses, the namespace's events, per-cluster metrics
 * and the environment. The hybrid-agent app, the test harness and custom platforms all run this class.
 *
 * <pre>{@code
 * try (CloudAgent agent = CloudAgent.builder(client, "qdrant", settings).build()) {
 *     agent.start();
 *     ...
 * }
 * }</pre>
 *
 * <p>The agent changes the cluster only when told to by a desired state: losing the control plane changes nothing,
 * and the databases keep running. {@link #close()} stops observing and then flushes what is buffered.
 */
public final class CloudAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CloudAgent.class);

    private final KubernetesClient client;
    private final String namespace;
    private final AgentConnectionSettings settings;
    private final Builder options;
    private final AgentStateStore stateStore;
    private final ExpectedComponents components;
    private final Outbox outbox = new Outbox();
    private ResourceStatusReporter statuses;
    private EventReporter events;
    private EnvironmentReporter environment;
    private ClusterUsageScraper usage;
    private StartupPrerequisites prerequisites;
    private AgentConnection connection;
    private DesiredStateApplier applier;
    private ApplyLedger ledger;
    private volatile boolean started;
    private volatile boolean closed;

    private CloudAgent(Builder builder) {
        this.client = builder.client;
        this.namespace = builder.namespace;
        this.settings = builder.settings;
        this.options = builder;
        this.stateStore = new AgentStateStore(client, namespace);
        this.components = new ExpectedComponents(builder.expectedComponents);
    }

    public static Builder builder(KubernetesClient client, String namespace, AgentConnectionSettings settings) {
        return new Builder(client, namespace, settings);
    }

    /**
     * Reads the persisted revision, starts the informers and dials the control plane; returns without waiting for
     * either (see {@link #isReady()}).
     *
     * @throws io.fabric8.kubernetes.client.KubernetesClientException when the state ConfigMap cannot be read: starting
     *         without it would ask for a snapshot and is better retried by restarting
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the agent for namespace " + namespace + " was already started");
        }
        started = true;
        long revision = stateStore.loadRevision();
        ledger = new ApplyLedger(revision, 1000);
        OwnWrites ownWrites = new OwnWrites();
        statuses = new ResourceStatusReporter(client, namespace, outbox, options.clock, this::componentsChanged,
                ownWrites);
        ServedKinds servedKinds = new ServedKinds(client, statuses::watchServed);
        events = new EventReporter(client, namespace, outbox, options.clock);
        prerequisites = new StartupPrerequisites(() -> new PrerequisitesDoctor(client, namespace,
                settings, options.clock, false).run(), this::componentsChanged);
        environment = new EnvironmentReporter(new EnvironmentObserver(client, namespace, settings.agentVersion(),
                components, servedKinds, options.clock, prerequisites::current), outbox, options.environmentPollInterval,
                options.environmentReportInterval, options.clock);
        ManagedObjects objects = new ManagedObjects(client, namespace, statuses, ownWrites);
        applier = new DesiredStateApplier(client, namespace, objects, ledger, stateStore, components, servedKinds,
                options.releasePolicy, statuses::republishAll, options.applyLatencyObserver, options.allowEmptySnapshot,
                options.commands);
        Map<String, AgentQuery> queries = new TreeMap<>(options.queries);
        queries.putIfAbsent(ClusterLogsQuery.NAME, new ClusterLogsQuery(client, namespace));
        queries.putIfAbsent(ClusterEventsQuery.NAME, new ClusterEventsQuery(client, namespace));
        ConnectionListener listener = !options.checkPrerequisites ? options.listener
                : new ConnectedHookListener(options.listener, prerequisites::connected);
        connection = new AgentConnection(settings, new QueryAnsweringHandler(applier, queries), listener, ledger);
        outbox.connection = connection;
        statuses.start(servedKinds.refresh());
        events.start();
        environment.start();
        connection.start();
        AgentConnection dialled = connection;
        URI operatorMetrics = !options.scrapeOperator ? null : options.operatorMetrics != null
                ? options.operatorMetrics : OperatorMetricsScraper.inClusterEndpoint(namespace);
        usage = new ClusterUsageScraper(client, namespace, options.nodeAddresses, operatorMetrics,
                options.metricsInterval, options.metricsBacklog, options.clock, outbox::publish,
                () -> dialled.state() == ConnectionState.CONNECTED);
        usage.start();
        if (options.checkPrerequisites) {
            prerequisites.start();
        }
        LOG.info("Cloud agent started in namespace {} for environment {} at revision {}, dialling {}", namespace,
                settings.environmentId(), revision, settings.url());
    }

    private void componentsChanged() {
        EnvironmentReporter reporter = environment;
        if (reporter != null) {
            reporter.observeSoon();
        }
    }

    /** The latest prerequisites check, as reported with the environment; empty until it has run. */
    public List<PrerequisiteCheck> prerequisites() {
        StartupPrerequisites current = prerequisites;
        return current == null ? List.of() : current.current();
    }

    /** Informers listed and watching, so statuses will be reported. The control plane is not part of it. */
    public boolean isReady() {
        return started && !closed && statuses.hasSynced() && events.hasSynced();
    }

    public String namespace() {
        return namespace;
    }

    public ConnectionState connectionState() {
        return connection == null ? ConnectionState.NOT_STARTED : connection.state();
    }

    public ConnectionMetrics connectionMetrics() {
        if (connection == null) {
            return new ConnectionMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return connection.metrics();
    }

    /**
     * Metrics scrapes given up while the control plane was away, beyond the latest and the backlog per cluster (and
     * for the operator's own metrics).
     */
    public long droppedMetricScrapes() {
        return usage == null ? 0 : usage.droppedScrapes();
    }

    /** The desired-state revision applied last (persisted in the ConfigMap {@value AgentStateStore#NAME}). */
    public long lastAppliedRevision() {
        return ledger == null ? 0 : ledger.lastAppliedRevision();
    }

    /** Stops observing, then sends what is buffered within {@code timeout} and disconnects. */
    public synchronized void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        if (!started) {
            return;
        }
        // Stop observing first so nothing new is published, then flush what is buffered. Null-safe: start() may
        // have failed half-way (state ConfigMap unreadable).
        for (AutoCloseable part : new AutoCloseable[] {usage, environment, events, statuses}) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    LOG.warn("Stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
                }
            }
        }
        if (connection != null) {
            connection.close(timeout);
        }
        if (applier != null) {
            applier.close();
        }
        LOG.info("Cloud agent in namespace {} stopped", namespace);
    }

    @Override
    public void close() {
        close(options.shutdownTimeout);
    }

    /** Forwards to the connection, which does not exist before start(). */
    private static final class Outbox implements AgentOutbox {
        private volatile AgentConnection connection;

        @Override
        public void publish(ResourceStatus status) {
            connection.publish(status);
        }

        @Override
        public void publish(EnvironmentStatus status) {
            connection.publish(status);
        }

        @Override
        public void publish(TelemetryItem item) {
            connection.publish(item);
        }
    }

    public static final class Builder {
        private final KubernetesClient client;
        private final String namespace;
        private final AgentConnectionSettings settings;
        private ConnectionListener listener = ConnectionListener.NONE;
        private Consumer<Duration> applyLatencyObserver = latency -> { };
        private final List<String> expectedComponents = new ArrayList<>();
        private Duration environmentPollInterval = Duration.ofSeconds(30);
        private Duration environmentReportInterval = Duration.ofMinutes(5);
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();
        private boolean allowEmptySnapshot;
        private ComponentReleasePolicy releasePolicy = ComponentReleasePolicy.DEFAULT;
        private final Map<String, AgentCommand> commands = new TreeMap<>();
        private final Map<String, AgentQuery> queries = new TreeMap<>();
        private Duration metricsInterval = Duration.ofSeconds(30);
        private int metricsBacklog = 20;
        private QdrantNodeAddresses nodeAddresses = QdrantNodeAddresses.clusterDns();
        private URI operatorMetrics;
        private boolean scrapeOperator = true;
        private boolean checkPrerequisites = true;

        private Builder(KubernetesClient client, String namespace, AgentConnectionSettings settings) {
            this.client = Objects.requireNonNull(client, "client");
            if (namespace == null || namespace.isBlank()) {
                throw new IllegalArgumentException("the agent needs the namespace it manages");
            }
            this.namespace = namespace;
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /** Observes the connection (metrics, health); called on the session thread, must not block. */
        public Builder listener(ConnectionListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Called with how long each desired state took to apply. */
        public Builder applyLatencyObserver(Consumer<Duration> observer) {
            this.applyLatencyObserver = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /** Component releases reported NOT_FOUND when missing, on top of those the desired state asks for. */
        public Builder expectedComponents(Collection<String> names) {
            expectedComponents.addAll(names);
            return this;
        }

        /**
         * @param poll   how often the environment is observed (a change is reported at once)
         * @param report how often it is reported even when nothing changed
         */
        public Builder environmentIntervals(Duration poll, Duration report) {
            if (poll.isNegative() || poll.isZero() || report.compareTo(poll) < 0) {
                throw new IllegalArgumentException("environment poll interval " + poll
                        + " must be positive and at most the report interval " + report);
            }
            this.environmentPollInterval = poll;
            this.environmentReportInterval = report;
            return this;
        }

        /** How long {@link CloudAgent#close()} waits for buffered statuses to be sent. */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Whether a desired-state snapshot listing nothing may delete everything the agent manages. Off by default,
         * like Argo CD's {@code allowEmpty}: an empty snapshot is far more often a control plane that lost its store
         * than a request to delete every database.
         */
        public Builder allowEmptySnapshot(boolean allow) {
            this.allowEmptySnapshot = allow;
            return this;
        }

        /** Which Helm repositories and Secrets component releases may use; Qdrant's registry and no Secret by default. */
        public Builder componentReleasePolicy(ComponentReleasePolicy policy) {
            this.releasePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Runs commands named {@code name} with {@code handler}; without one, a command is refused as unsupported. */
        public Builder command(String name, AgentCommand handler) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a command needs a name");
            }
            if (commands.putIfAbsent(name, Objects.requireNonNull(handler, "handler")) != null) {
                throw new IllegalArgumentException("command '" + name + "' already has a handler");
            }
            return this;
        }

        /**
         * Answers queries named {@code name} with {@code handler}. {@value ClusterLogsQuery#NAME} and
         * {@value ClusterEventsQuery#NAME} are built in; registering one of those names replaces the built-in one.
         */
        public Builder query(String name, AgentQuery handler) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a query needs a name");
            }
            if (queries.putIfAbsent(name, Objects.requireNonNull(handler, "handler")) != null) {
                throw new IllegalArgumentException("query '" + name + "' already has a handler");
            }
            return this;
        }

        /**
         * How often the Qdrant nodes' {@code /metrics} are scraped and reported (30 s by default), and how many
         * scrapes per cluster wait besides the latest while the control plane is away (20 by default).
         */
        public Builder metricsScrape(Duration interval, int backlogPerCluster) {
            if (interval.isNegative() || interval.isZero() || backlogPerCluster < 0) {
                throw new IllegalArgumentException("metrics scrape interval " + interval + " must be positive and the"
                        + " backlog " + backlogPerCluster + " at least 0");
            }
            this.metricsInterval = interval;
            this.metricsBacklog = backlogPerCluster;
            return this;
        }

        /** Where the Qdrant nodes are reached; their cluster DNS names by default. */
        public Builder qdrantNodeAddresses(QdrantNodeAddresses addresses) {
            this.nodeAddresses = Objects.requireNonNull(addresses, "addresses");
            return this;
        }

        /**
         * Where the operator's Prometheus endpoint is read, at the metrics scrape interval; by default the Service
         * deploy/ installs, {@code http://qdrant-hybrid-operator.<namespace>.svc:8285/prometheus}.
         */
        public Builder operatorMetrics(URI endpoint) {
            this.operatorMetrics = Objects.requireNonNull(endpoint, "endpoint");
            this.scrapeOperator = true;
            return this;
        }

        /** Leaves the operator's metrics out (an operator installed elsewhere, or scraped by the customer's own). */
        public Builder noOperatorMetrics() {
            this.scrapeOperator = false;
            return this;
        }

        /** Whether the prerequisites check runs once at start and is reported with the environment; on by default. */
        public Builder checkPrerequisites(boolean check) {
            this.checkPrerequisites = check;
            return this;
        }

        public CloudAgent build() {
            return new CloudAgent(this);
        }
    }
}
