package io.qdranthybrid.harness.stack;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.harness.controlplane.AgentCredentials;
import io.qdranthybrid.harness.controlplane.ClusterView;
import io.qdranthybrid.harness.controlplane.EnvironmentView;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.controlplane.SimulatedControlPlane;
import io.qdranthybrid.harness.qdrant.SimulatedQdrantCluster;
import io.qdranthybrid.harness.timeline.ControlPlaneRecorder;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.platform.bootstrap.BootstrapCommands;
import io.qdranthybrid.platform.environment.EnvironmentPhase;

import java.time.Duration;
import java.util.Objects;

import static org.awaitility.Awaitility.await;

/**
 * One hybrid cloud environment end to end: registered in the control plane, its namespace in the cluster with the
 * operator and (once onboarded) the agent running there, its timeline and its faults. What a user does goes through
 * {@link #controlPlane()}; what the cluster did is read from {@link #client()} or the simulated Qdrant nodes.
 *
 * <pre>{@code
 * HybridEnvironment env = HybridEnvironment.create(controlPlane, cluster, "prod", namespace, settings, timeline);
 * env.onboard();
 * env.awaitReady(Duration.ofSeconds(60));
 * env.controlPlane().clusters().create(env.id(), NewCluster.of("orders", 3, "v1.12.3"));
 * env.awaitCluster("orders", ClusterPhase.HEALTHY, Duration.ofSeconds(60));
 * }</pre>
 */
public final class HybridEnvironment implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final SimulatedControlPlane controlPlane;
    private final String id;
    private final HybridStack stack;
    private final Faults faults;
    private final ControlPlaneRecorder recorder;

    private HybridEnvironment(SimulatedControlPlane controlPlane, String id, HybridStack stack,
                              ControlPlaneRecorder recorder) {
        this.controlPlane = controlPlane;
        this.id = id;
        this.stack = stack;
        this.recorder = recorder;
        this.faults = new Faults(stack, controlPlane);
    }

    /**
     * Registers the environment in the control plane and starts its operator in {@code namespace} (which must
     * exist); the agent follows with {@link #onboard()}.
     */
    public static HybridEnvironment create(SimulatedControlPlane controlPlane, StackCluster cluster, String name,
                                           String namespace, StackSettings settings, Timeline timeline) {
        EnvironmentView environment = controlPlane.environments().create(name, namespace);
        ControlPlaneRecorder recorder = ControlPlaneRecorder.start(controlPlane, environment.id(), timeline);
        try {
            HybridStack stack = HybridStack.start(cluster, namespace, settings, timeline);
            return new HybridEnvironment(controlPlane, environment.id(), stack, recorder);
        } catch (RuntimeException e) {
            recorder.close();
            throw e;
        }
    }

    public String id() {
        return id;
    }

    public String namespace() {
        return stack.namespace();
    }

    /** The environment as the control plane shows it now. */
    public EnvironmentView view() {
        return controlPlane.environments().get(id);
    }

    public SimulatedControlPlane controlPlane() {
        return controlPlane;
    }

    public HybridStack stack() {
        return stack;
    }

    public Faults faults() {
        return faults;
    }

    public Timeline timeline() {
        return stack.timeline();
    }

    public StackCluster cluster() {
        return stack.cluster();
    }

    /** An admin client of the cluster, for looking at what the operator and the agent did. */
    public KubernetesClient client() {
        return stack.cluster().cluster().client();
    }

    // ---------------------------------------------------------------- onboarding

    /**
     * Generates the bootstrap commands (which mints the access key) and does what running them does: installs and
     * starts the agent. Returns at once; {@link #awaitReady} waits for the outcome.
     */
    public AgentCredentials onboard() {
        AgentCredentials credentials = bootstrap();
        stack.installAgent(credentials);
        return credentials;
    }

    /**
     * Rotates the access key as a user does, by generating the bootstrap commands again (the old key stops working
     * and its session is closed), and re-runs them: the agent restarts with the new key.
     */
    public AgentCredentials rotateAccessKey() {
        return onboard();
    }

    private AgentCredentials bootstrap() {
        BootstrapCommands commands = controlPlane.environments().bootstrap(id);
        return new AgentCredentials(id, commands.namespace(), commands.accessKey(), controlPlane.agentUrl());
    }

    /** Waits until the control plane rolls the environment up as READY (agent connected, every component ready). */
    public EnvironmentView awaitReady(Duration timeout) {
        return awaitPhase(EnvironmentPhase.READY, timeout);
    }

    public EnvironmentView awaitPhase(EnvironmentPhase phase, Duration timeout) {
        return await("environment " + id + " " + phase).atMost(timeout).pollInterval(POLL)
                .until(this::view, view -> view.phase() == phase);
    }

    // ---------------------------------------------------------------- clusters

    /** Asks the control plane for a cluster in this environment. */
    public ClusterView createCluster(NewCluster request) {
        return controlPlane.clusters().create(id, request);
    }

    /**
     * Waits until a cluster is in {@code phase} for its latest spec, as both sides see it. In order: the agent has
     * applied the latest change (it reported from a revision at least the one that changed the cluster), the
     * operator has observed the resulting generation and reports that phase, and the control plane shows that phase.
     * A phase reported before the change never counts.
     */
    public ClusterView awaitCluster(String clusterId, ClusterPhase phase, Duration timeout) {
        String what = "cluster " + clusterId + " " + phase.wireValue() + " in " + namespace();
        await(what + ": latest change applied by the agent").atMost(timeout).pollInterval(POLL)
                .until(() -> controlPlane.clusters().get(id, clusterId),
                        view -> view.reportedRevision() >= view.desiredRevision());
        await(what + ": operator").atMost(timeout).pollInterval(POLL).until(() -> {
            QdrantCluster live = clusterResource(clusterId);
            return live != null && live.getStatus() != null && live.getStatus().getPhase() == phase
                    && Objects.equals(live.getStatus().getObservedGeneration(), live.getMetadata().getGeneration());
        });
        return await(what + ": control plane").atMost(timeout).pollInterval(POLL)
                .until(() -> controlPlane.clusters().get(id, clusterId),
                        view -> view.phase().equals(phase.wireValue())
                                && view.reportedRevision() >= view.desiredRevision());
    }

    /** The QdrantCluster the agent wrote for {@code clusterId}, as it is now in the cluster; null before. */
    public QdrantCluster clusterResource(String clusterId) {
        String name = controlPlane.clusters().desired(id, clusterId).getMetadata().getName();
        return client().resources(QdrantCluster.class).inNamespace(namespace()).withName(name).get();
    }

    /** The simulated Qdrant nodes of a cluster: seed data, check that none was lost. Simulated cluster only. */
    public SimulatedQdrantCluster qdrant(String clusterId) {
        return stack.cluster().simulated().orElseThrow(() -> new UnsupportedOperationException(
                        "the simulated Qdrant nodes exist only on the simulated cluster, not on "
                                + stack.cluster().description()))
                .qdrant().cluster(namespace(), clusterId);
    }

    /** Undoes faults still in effect, stops the agent and the operator and stops recording. */
    @Override
    public void close() {
        try {
            faults.close();
        } finally {
            try {
                stack.close();
            } finally {
                recorder.close();
            }
        }
    }
}
