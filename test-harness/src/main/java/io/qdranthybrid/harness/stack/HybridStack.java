package io.qdranthybrid.harness.stack;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.agent.CloudAgent;
import io.qdranthybrid.harness.controlplane.AgentCredentials;
import io.qdranthybrid.harness.timeline.AgentConnectionRecorder;
import io.qdranthybrid.harness.timeline.NamespaceRecorder;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.harness.timeline.TimelineSource;
import io.qdranthybrid.operator.QdrantOperator;
import io.qdranthybrid.protocol.client.AgentConnectionSettings;
import io.qdranthybrid.protocol.client.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.qdranthybrid.harness.deploy.DeployNamespace;
import io.qdranthybrid.harness.deploy.DeployRbac;
import io.qdranthybrid.harness.deploy.DeployedOperatorSettings;

import static org.awaitility.Awaitility.await;

/**
 * What a hybrid environment runs in its customer's namespace, in this JVM: the SDK's {@link QdrantOperator} and
 * {@link CloudAgent}, each with its own Kubernetes client as separate pods would have. Either can be restarted at any
 * moment (close, then a new instance), which is what a pod restart does to them; both are built to survive that at
 * any line. The agent dials the control plane through an {@link AgentLink} so that a test can cut the network.
 *
 * <pre>{@code
 * try (HybridStack stack = HybridStack.start(cluster, "qdrant", cluster.defaultSettings(), timeline)) {
 *     stack.installAgent(controlPlane.environments().issueAccessKey(environmentId));
 *     ...
 *     stack.restartOperator();
 * }
 * }</pre>
 */
public final class HybridStack implements AutoCloseable {

    /** How the operator's client names itself, so the simulated API server's journal can tell its calls apart. */
    public static final String OPERATOR_USER_AGENT = "qdrant-hybrid-operator";
    /** How the agent's client names itself. */
    public static final String AGENT_USER_AGENT = "qdrant-cloud-agent";

    private static final Logger LOG = LoggerFactory.getLogger(HybridStack.class);
    private static final Duration STARTUP = Duration.ofSeconds(30);
    /** The agent's metrics scrape on a test clock: charts and downscale risk get fresh usage within seconds. */
    public static final Duration METRICS_SCRAPE = Duration.ofSeconds(1);
    /** Scrapes per cluster kept besides the latest while the control plane is away. */
    public static final int METRICS_BACKLOG = 3;

    private final StackCluster cluster;
    private final String namespace;
    private final StackSettings settings;
    private final Timeline timeline;
    private final NamespaceRecorder recorder;
    private final OperatorClock operatorClock = new OperatorClock();
    /** Volatile: the operator's metrics endpoint reads it from its own thread. */
    private volatile RunningOperator operator;
    private final OperatorMetricsEndpoint operatorMetrics;
    private RunningAgent agent;
    private AgentCredentials credentials;
    private AgentLink link;
    private boolean closed;

    private HybridStack(StackCluster cluster, String namespace, StackSettings settings, Timeline timeline) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timeline = Objects.requireNonNull(timeline, "timeline");
        this.recorder = NamespaceRecorder.start(cluster.cluster().client(), namespace, timeline);
        this.operatorMetrics = OperatorMetricsEndpoint.start(() -> {
            RunningOperator running = operator;
            return running == null ? null : running.metrics();
        });
    }

    /**
     * Starts recording the namespace and starts the operator in it; the agent follows with {@link #installAgent}
     * once the environment's bootstrap has produced its key. The namespace must exist.
     */
    public static HybridStack start(StackCluster cluster, String namespace, StackSettings settings,
                                    Timeline timeline) {
        HybridStack stack = new HybridStack(cluster, namespace, settings, timeline);
        try {
            // deploy/'s install Namespace: its Pod Security Admission level then applies to every pod here.
            DeployNamespace.apply(cluster.cluster().client(), namespace);
            stack.startOperator();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    public String namespace() {
        return namespace;
    }

    public StackCluster cluster() {
        return cluster;
    }

    public Timeline timeline() {
        return timeline;
    }

    // ---------------------------------------------------------------- operator

    /** Starts an operator unless one runs, and waits until its caches are synced. */
    public synchronized void startOperator() {
        requireOpen();
        if (operator != null) {
            return;
        }
        operator = RunningOperator.start(cluster, namespace, settings, operatorClock);
        timeline.record(TimelineSource.OPERATOR, namespace, "started", "");
    }

    /** Stops the operator as a deleted pod would be stopped: running reconciles finish, nothing more starts. */
    public synchronized void stopOperator() {
        if (operator != null) {
            operator.close();
            operator = null;
            timeline.record(TimelineSource.OPERATOR, namespace, "stopped", "");
        }
    }

    /** A new operator instance in place of the running one, at whatever point the old one was. */
    public synchronized void restartOperator() {
        stopOperator();
        startOperator();
    }

    /** The time the operator runs on, which a test may move forward (schedules, retention). */
    public OperatorClock operatorClock() {
        return operatorClock;
    }

    /** The running operator. */
    public synchronized Optional<QdrantOperator> operator() {
        return Optional.ofNullable(operator).map(RunningOperator::operator);
    }

    /**
     * Where the operator's Prometheus text is served over HTTP, as its Service serves it in a cluster; the agent
     * scrapes it. The same for the stack's lifetime; it answers 503 while no operator runs.
     */
    public URI operatorMetricsUrl() {
        return operatorMetrics.url();
    }

    // ---------------------------------------------------------------- agent

    /**
     * Installs the agent as the bootstrap commands would and starts it; with an agent already running this is a
     * reinstall (e.g. with a rotated key): the old agent stops and a new one starts with the new credentials.
     * Must be the environment of this namespace.
     */
    public synchronized void installAgent(AgentCredentials credentials) {
        requireOpen();
        Objects.requireNonNull(credentials, "credentials");
        if (!credentials.namespace().equals(namespace)) {
            throw new IllegalArgumentException("environment " + credentials.environmentId() + " lives in namespace "
                    + credentials.namespace() + ", not in this stack's " + namespace);
        }
        stopAgentInstance();
        if (link != null && (this.credentials == null || !sameAddress(this.credentials, credentials))) {
            link.close();
            link = null;
        }
        if (link == null) {
            link = AgentLink.to(credentials.agentUrl());
        }
        this.credentials = credentials;
        // Recorded first: the new agent may connect before start() returns.
        timeline.record(TimelineSource.AGENT, namespace, "started", "environment " + credentials.environmentId());
        try {
            agent = RunningAgent.start(cluster, namespace, settings, connectionSettings(credentials), timeline,
                    operatorMetrics.url());
        } catch (RuntimeException e) {
            timeline.record(TimelineSource.AGENT, namespace, "failed-to-start", e.toString());
            throw e;
        }
    }

    /** A new agent instance in place of the running (or stopped) one, with the same credentials. */
    public synchronized void restartAgent() {
        if (credentials == null) {
            throw new IllegalStateException("no agent was installed in " + namespace + " yet");
        }
        installAgent(credentials);
    }

    /** Stops the agent (flushing what it buffered), as scaling its Deployment to zero would. */
    public synchronized void stopAgent() {
        stopAgentInstance();
    }

    private void stopAgentInstance() {
        if (agent != null) {
            agent.close();
            agent = null;
            timeline.record(TimelineSource.AGENT, namespace, "stopped", "");
        }
    }

    /** The running agent. */
    public synchronized Optional<CloudAgent> agent() {
        return Optional.ofNullable(agent).map(RunningAgent::agent);
    }

    /** The credentials the agent was installed with last. */
    public synchronized Optional<AgentCredentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** The network between the agent and the control plane; exists once an agent was installed. */
    public synchronized AgentLink link() {
        if (link == null) {
            throw new IllegalStateException("no agent was installed in " + namespace + " yet");
        }
        return link;
    }

    /** Waits until the running agent has a session with the control plane. */
    public void awaitAgentConnected(Duration timeout) {
        await("the agent in " + namespace + " connected").atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> agent().map(a -> a.connectionState() == ConnectionState.CONNECTED).orElse(false));
    }

    private AgentConnectionSettings connectionSettings(AgentCredentials target) {
        return new AgentCredentials(target.environmentId(), target.namespace(), target.accessKey(),
                link.route(target.agentUrl()))
                .connectionSettings(settings.agentVersion())
                .backoff(settings.agentBackoff())
                .connectTimeout(Duration.ofSeconds(2))
                .handshakeTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static boolean sameAddress(AgentCredentials a, AgentCredentials b) {
        return Objects.equals(a.agentUrl().getHost(), b.agentUrl().getHost())
                && a.agentUrl().getPort() == b.agentUrl().getPort();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the stack in " + namespace + " is closed");
        }
    }

    /** Stops the agent, then the operator, the link and the recorder: the reverse of how they came up. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopAgent();
        stopOperator();
        operatorMetrics.close();
        if (link != null) {
            link.close();
        }
        recorder.close();
        LOG.debug("Stack in {} closed", namespace);
    }

    /** The component's ServiceAccount, Role and binding from deploy/, with cluster read when the settings ask. */
    private static void install(DeployRbac component, StackCluster cluster, String namespace, StackSettings settings) {
        if (settings.clusterRead()) {
            component.installWithClusterRead(cluster.cluster().client(), namespace);
        } else {
            component.install(cluster.cluster().client(), namespace);
        }
    }

    /** An operator with its own client, its way to the Qdrant pods, and the metrics its endpoint serves. */
    private record RunningOperator(KubernetesClient client, StackCluster.OperatorEndpoints endpoints,
                                   QdrantOperator operator, ControllerRuntimeMetrics metrics) {

        static RunningOperator start(StackCluster cluster, String namespace, StackSettings settings, Clock clock) {
            // As installed from deploy/: its ServiceAccount, Role and RoleBinding, and it runs as that ServiceAccount.
            install(DeployRbac.OPERATOR, cluster, namespace, settings);
            KubernetesClient client = cluster.cluster().newClientAs(namespace, DeployRbac.OPERATOR.serviceAccount(),
                    OPERATOR_USER_AGENT);
            StackCluster.OperatorEndpoints endpoints = cluster.operatorEndpoints(client);
            QdrantOperator operator = null;
            ControllerRuntimeMetrics metrics = new ControllerRuntimeMetrics();
            // The settings the operator's Deployment in deploy/ gives it, over the test's defaults.
            DeployedOperatorSettings deployed = DeployedOperatorSettings.shipped();
            try {
                QdrantOperator.Builder builder = QdrantOperator.builder(client, namespace)
                        .defaults(deployed.applyTo(settings.operatorDefaults()))
                        .qdrantEndpoints(endpoints.endpoints())
                        .resyncPeriod(settings.operatorResync())
                        .qdrantTimeout(settings.qdrantTimeout())
                        .backups(settings.backups())
                        .metrics(metrics)
                        .clock(clock);
                deployed.workers().ifPresent(builder::workers);
                operator = builder.build();
                operator.start();
                QdrantOperator started = operator;
                await("the operator in " + namespace + " ready").atMost(STARTUP).pollInterval(Duration.ofMillis(20))
                        .until(started::isReady);
                return new RunningOperator(client, endpoints, operator, metrics);
            } catch (RuntimeException e) {
                new RunningOperator(client, endpoints, operator, metrics).close();
                throw e;
            }
        }

        void close() {
            if (operator != null) {
                operator.close();
            }
            endpoints.release().run();
            client.close();
        }
    }

    /** An agent with its own client. */
    private record RunningAgent(KubernetesClient client, CloudAgent agent) {

        static RunningAgent start(StackCluster cluster, String namespace, StackSettings settings,
                                  AgentConnectionSettings connection, Timeline timeline, URI operatorMetrics) {
            install(DeployRbac.AGENT, cluster, namespace, settings);
            KubernetesClient client = cluster.cluster().newClientAs(namespace, DeployRbac.AGENT.serviceAccount(),
                    AGENT_USER_AGENT);
            CloudAgent agent = CloudAgent.builder(client, namespace, connection)
                    .listener(new AgentConnectionRecorder(timeline, namespace))
                    .environmentIntervals(settings.environmentPoll(), settings.environmentReport())
                    .shutdownTimeout(settings.shutdownTimeout())
                    .metricsScrape(METRICS_SCRAPE, METRICS_BACKLOG)
                    .qdrantNodeAddresses(cluster.agentNodeAddresses())
                    .operatorMetrics(operatorMetrics)
                    .build();
            try {
                agent.start();
                await("the agent in " + namespace + " watching").atMost(STARTUP).pollInterval(Duration.ofMillis(20))
                        .until(agent::isReady);
                return new RunningAgent(client, agent);
            } catch (RuntimeException e) {
                agent.close();
                client.close();
                throw e;
            }
        }

        void close() {
            agent.close();
            client.close();
        }
    }
}
