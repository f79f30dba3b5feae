package io.qdranthybrid.harness.stack;

import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.controlplane.SimulatedControlPlane;
import io.qdranthybrid.harness.kube.InjectedFailure;
import io.qdranthybrid.harness.kube.Verb;
import io.qdranthybrid.harness.qdrant.SimulatedQdrant;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.harness.timeline.TimelineSource;
import io.qdranthybrid.operator.cluster.ClusterNames;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The faults a test injects into one environment, each written to the timeline: the agent's network cut, a
 * control-plane outage, agent and operator restarts, Kubernetes API errors and latency, dropped watches (with or
 * without expired resourceVersions), crashed or partitioned Qdrant nodes, slow shard transfers. Closing undoes
 * whatever is still in effect (network restored, control plane back, API faults cleared, partitions healed, transfer
 * speed restored), since the cluster and the control plane outlive the test.
 */
public final class Faults implements AutoCloseable {

    private final HybridStack stack;
    private final SimulatedControlPlane controlPlane;
    private final Timeline timeline;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "faults-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Interruption> interruptions = new ArrayList<>();
    private final Set<String> partitionedPods = new LinkedHashSet<>();
    private boolean apiFaultsInjected;

    public Faults(HybridStack stack, SimulatedControlPlane controlPlane) {
        this.stack = stack;
        this.controlPlane = controlPlane;
        this.timeline = stack.timeline();
    }

    // ---------------------------------------------------------------- agent ⇄ control plane

    /**
     * Cuts the network between the agent and the control plane until the returned interruption ends: open
     * connections drop and new ones are refused. Neither side is told; each notices as it would in production.
     */
    public Interruption cutAgentConnection() {
        AgentLink link = stack.link();
        link.cut();
        return begin("agent-link", "cut", link::restore);
    }

    /** {@link #cutAgentConnection()} restored by itself after {@code duration}. */
    public Interruption cutAgentConnectionFor(Duration duration) {
        return endAfter(cutAgentConnection(), duration);
    }

    /**
     * The control plane goes away (its port closes, every agent session drops) until the returned interruption
     * ends, when it listens again on the same port. Its Java API keeps working meanwhile: what is asked during the
     * outage reaches the agent after it reconnects.
     */
    public Interruption controlPlaneOutage() {
        controlPlane.outage();
        return begin("control-plane", "outage", controlPlane::recover);
    }

    /** {@link #controlPlaneOutage()} ended by itself after {@code duration}. */
    public Interruption controlPlaneOutageFor(Duration duration) {
        return endAfter(controlPlaneOutage(), duration);
    }

    /** The control plane closes this environment's agent session; the agent reconnects by itself. */
    public void disconnectAgent() {
        String environmentId = stack.credentials().orElseThrow(() -> new IllegalStateException(
                "no agent was installed in " + stack.namespace() + " yet")).environmentId();
        record("agent", "disconnect", "by the control plane");
        controlPlane.disconnect(environmentId);
    }

    // ---------------------------------------------------------------- components

    /** Replaces the agent with a new instance at whatever point it is (e.g. in the middle of applying). */
    public void restartAgent() {
        record("agent", "restart", "");
        stack.restartAgent();
    }

    /** Replaces the operator with a new instance at whatever point it is (e.g. in the middle of a rolling upgrade). */
    public void restartOperator() {
        record("operator", "restart", "");
        stack.restartOperator();
    }

    // ---------------------------------------------------------------- Kubernetes API (simulated cluster)

    /** The next {@code times} requests with {@code verb} on {@code resource} (plural, e.g. "statefulsets") fail. */
    public void failApiRequests(int times, Verb verb, String resource, InjectedFailure failure) {
        simulated("API faults").api().faults().failNext(times, verb, resource, failure);
        apiFaultsInjected = true;
        record("api", "fail-next", times + " " + verb + " " + resource + " with " + failure);
    }

    /** The next {@code times} requests of any verb on {@code resource} fail. */
    public void failApiRequests(int times, String resource, InjectedFailure failure) {
        simulated("API faults").api().faults().failNext(times, resource, failure);
        apiFaultsInjected = true;
        record("api", "fail-next", times + " requests on " + resource + " with " + failure);
    }

    /** Every API response is delayed by a random time in [min, max] until {@link #clearApiFaults()}. */
    public void apiLatency(Duration min, Duration max) {
        simulated("API latency").api().faults().latency(min, max);
        apiFaultsInjected = true;
        record("api", "latency", min.toMillis() + "-" + max.toMillis() + " ms");
    }

    /** Closes every open watch server-side; clients watch again from the resourceVersion they had reached. */
    public void dropApiWatches() {
        dropApiWatches(false);
    }

    /**
     * Closes every open watch server-side. With {@code expireResourceVersions} the API server first forgets its event
     * history, as etcd compaction does, so re-watching from any earlier resourceVersion gets 410 Gone and informers
     * must list everything again.
     */
    public void dropApiWatches(boolean expireResourceVersions) {
        SimulatedCluster cluster = simulated("dropping watches");
        if (expireResourceVersions) {
            cluster.api().faults().compactHistory();
        }
        int closed = cluster.api().faults().closeAllWatches();
        record("api", "watches-dropped", closed + " watches"
                + (expireResourceVersions ? ", resourceVersions expired (410 Gone, relist)" : ""));
    }

    /** Removes API latency and pending failures. */
    public void clearApiFaults() {
        stack.cluster().simulated().ifPresent(cluster -> cluster.api().faults().clear());
        if (apiFaultsInjected) {
            apiFaultsInjected = false;
            record("api", "cleared", "");
        }
    }

    // ---------------------------------------------------------------- Qdrant nodes

    /**
     * The Qdrant process of node {@code ordinal} of cluster {@code clusterId} dies; the kubelet restarts it. On k3s,
     * where the process is out of reach, its pod is deleted without grace instead.
     */
    public void crashQdrantNode(String clusterId, int ordinal) {
        String pod = new ClusterNames(clusterId).pod(ordinal);
        record(pod, "crash", "");
        stack.cluster().simulated().ifPresentOrElse(
                cluster -> cluster.qdrant().crash(stack.namespace(), pod),
                () -> stack.cluster().cluster().client().pods().inNamespace(stack.namespace()).withName(pod)
                        .withGracePeriod(0).delete());
    }

    /** Cuts node {@code ordinal} off from its peers (it still answers HTTP) until healed; simulated cluster only. */
    public void partitionQdrantNode(String clusterId, int ordinal) {
        String pod = new ClusterNames(clusterId).pod(ordinal);
        simulated("partitions").qdrant().partition(stack.namespace(), pod);
        synchronized (partitionedPods) {
            partitionedPods.add(pod);
        }
        record(pod, "partition", "");
    }

    public void healQdrantNode(String clusterId, int ordinal) {
        heal(new ClusterNames(clusterId).pod(ordinal));
    }

    private void heal(String pod) {
        simulated("partitions").qdrant().heal(stack.namespace(), pod);
        synchronized (partitionedPods) {
            partitionedPods.remove(pod);
        }
        record(pod, "healed", "");
    }

    /**
     * Shard transfers copy {@code pointsPerSecond} points a second, those in flight too, until the returned
     * interruption ends; the speed before it is restored then. Simulated cluster only.
     */
    public Interruption slowShardTransfers(long pointsPerSecond) {
        SimulatedQdrant qdrant = simulated("slow shard transfers").qdrant();
        long before = qdrant.settings().transferPointsPerSecond();
        qdrant.setTransferSpeed(pointsPerSecond);
        return begin("qdrant-transfers", "slowed", () -> qdrant.setTransferSpeed(before),
                before + " -> " + pointsPerSecond + " points/s");
    }

    // ---------------------------------------------------------------- plumbing

    /** Records the start of an interruption and returns it; ending it runs {@code undo} once and records that. */
    Interruption begin(String subject, String fault, Runnable undo) {
        return begin(subject, fault, undo, "");
    }

    private Interruption begin(String subject, String fault, Runnable undo, String detail) {
        record(subject, fault, detail);
        Interruption interruption = new Interruption() {
            private final AtomicBoolean active = new AtomicBoolean(true);

            @Override
            public void end() {
                if (active.compareAndSet(true, false)) {
                    undo.run();
                    record(subject, fault + "-ended", "");
                }
            }

            @Override
            public boolean isActive() {
                return active.get();
            }
        };
        synchronized (interruptions) {
            interruptions.add(interruption);
        }
        return interruption;
    }

    Interruption endAfter(Interruption interruption, Duration duration) {
        timer.schedule(interruption::end, duration.toMillis(), TimeUnit.MILLISECONDS);
        return interruption;
    }

    private SimulatedCluster simulated(String what) {
        return stack.cluster().simulated().orElseThrow(() -> new UnsupportedOperationException(
                what + " need the simulated cluster; this test runs on " + stack.cluster().description()));
    }

    private void record(String subject, String fault, String detail) {
        timeline.record(TimelineSource.FAULT, subject, fault, detail);
    }

    /** Ends every interruption still in effect (newest first), clears API faults and heals partitions. */
    @Override
    public void close() {
        timer.shutdownNow();
        List<Interruption> active;
        synchronized (interruptions) {
            active = new ArrayList<>(interruptions);
            interruptions.clear();
        }
        // Last in, first out: each undo restores what was in effect when its fault began.
        Collections.reverse(active);
        active.forEach(Interruption::end);
        clearApiFaults();
        List<String> partitioned;
        synchronized (partitionedPods) {
            partitioned = List.copyOf(partitionedPods);
        }
        partitioned.forEach(this::heal);
    }
}
