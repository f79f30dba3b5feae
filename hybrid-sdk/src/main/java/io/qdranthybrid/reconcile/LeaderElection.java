package io.qdranthybrid.reconcile;

import io.qdranthybrid.threads.SdkThreads;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Leader election on a coordination.k8s.io Lease (fabric8's LeaderElector), so that of several replicas only one
 * reconciles. The lease is released on {@link #stop()}, letting a standby take over without waiting for expiry.
 */
public final class LeaderElection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String leaseName;
    private final String identity;
    private final Duration leaseDuration;
    private final Duration renewDeadline;
    private final Duration retryPeriod;
    private final Runnable onStartLeading;
    private final Runnable onStopLeading;
    private final Consumer<String> onNewLeader;
    private final AtomicReference<LeadershipState> state = new AtomicReference<>(LeadershipState.NOT_STARTED);
    private final AtomicReference<String> leader = new AtomicReference<>();
    private ExecutorService executor;
    private CompletableFuture<?> running;

    private LeaderElection(Builder builder) {
        this.client = builder.client;
        this.namespace = builder.namespace;
        this.leaseName = builder.leaseName;
        this.identity = builder.identity;
        this.leaseDuration = builder.leaseDuration;
        this.renewDeadline = builder.renewDeadline;
        this.retryPeriod = builder.retryPeriod;
        this.onStartLeading = builder.onStartLeading;
        this.onStopLeading = builder.onStopLeading;
        this.onNewLeader = builder.onNewLeader;
        if (renewDeadline.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("renewDeadline " + renewDeadline + " must be shorter than leaseDuration " + leaseDuration);
        }
        if (retryPeriod.compareTo(renewDeadline) >= 0) {
            throw new IllegalArgumentException("retryPeriod " + retryPeriod + " must be shorter than renewDeadline " + renewDeadline);
        }
    }

    /** Competes for Lease {@code namespace/leaseName} as {@code identity} (typically the pod name). */
    public static Builder builder(KubernetesClient client, String namespace, String leaseName, String identity) {
        return new Builder(client, namespace, leaseName, identity);
    }

    /** Starts competing for the lease in the background; callbacks run on the election's own thread. */
    public synchronized void start() {
        if (state.get() != LeadershipState.NOT_STARTED) {
            throw new IllegalStateException("leader election for lease " + namespace + "/" + leaseName + " was already started");
        }
        state.set(LeadershipState.STANDBY);
        executor = Executors.newSingleThreadExecutor(SdkThreads.named("leader-election-" + leaseName));
        LeaderCallbacks callbacks = new LeaderCallbacks(this::startedLeading, this::stoppedLeading, this::newLeader);
        running = new LeaderElectorBuilder(client, executor)
                .withConfig(new LeaderElectionConfigBuilder()
                        .withName(leaseName)
                        .withLock(new LeaseLock(namespace, leaseName, identity))
                        .withLeaseDuration(leaseDuration)
                        .withRenewDeadline(renewDeadline)
                        .withRetryPeriod(retryPeriod)
                        .withReleaseOnCancel(true)
                        .withLeaderCallbacks(callbacks)
                        .build())
                .build()
                .start();
        running.whenComplete((ignored, error) -> {
            state.set(LeadershipState.STOPPED);
            if (error != null && !running.isCancelled()) {
                LOG.warn("Leader election for lease {}/{} ended: {}", namespace, leaseName, error.toString());
            }
        });
        LOG.info("Competing for leader lease {}/{} as {}", namespace, leaseName, identity);
    }

    /** Stops competing and releases the lease if held. */
    public synchronized void stop() {
        if (running != null) {
            running.cancel(true);
            executor.shutdown();
        }
        state.set(LeadershipState.STOPPED);
    }

    @Override
    public void close() {
        stop();
    }

    /** Whether this replica holds the lease now. */
    public boolean isLeader() {
        return state.get() == LeadershipState.LEADER;
    }

    /** LEADER or STANDBY: taking part normally (usable for readiness). */
    public boolean isParticipating() {
        LeadershipState current = state.get();
        return current == LeadershipState.LEADER || current == LeadershipState.STANDBY;
    }

    public LeadershipState state() {
        return state.get();
    }

    /** The identity of the current leader as last observed, if any. */
    public Optional<String> currentLeader() {
        return Optional.ofNullable(leader.get());
    }

    private void startedLeading() {
        state.set(LeadershipState.LEADER);
        LOG.info("{} became leader of lease {}/{}", identity, namespace, leaseName);
        onStartLeading.run();
    }

    private void stoppedLeading() {
        state.set(LeadershipState.STOPPED);
        LOG.info("{} stopped leading lease {}/{}", identity, namespace, leaseName);
        onStopLeading.run();
    }

    private void newLeader(String newLeader) {
        leader.set(newLeader);
        onNewLeader.accept(newLeader);
    }

    /** Configures a {@link LeaderElection}; defaults follow client-go (15 s lease, 10 s renew deadline, 2 s retry). */
    public static final class Builder {
        private final KubernetesClient client;
        private final String namespace;
        private final String leaseName;
        private final String identity;
        private Duration leaseDuration = Duration.ofSeconds(15);
        private Duration renewDeadline = Duration.ofSeconds(10);
        private Duration retryPeriod = Duration.ofSeconds(2);
        private Runnable onStartLeading = () -> { };
        private Runnable onStopLeading = () -> { };
        private Consumer<String> onNewLeader = leader -> { };

        private Builder(KubernetesClient client, String namespace, String leaseName, String identity) {
            this.client = Objects.requireNonNull(client, "client");
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            this.leaseName = Objects.requireNonNull(leaseName, "leaseName");
            this.identity = Objects.requireNonNull(identity, "identity");
        }

        public Builder timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
            this.leaseDuration = Objects.requireNonNull(leaseDuration, "leaseDuration");
            this.renewDeadline = Objects.requireNonNull(renewDeadline, "renewDeadline");
            this.retryPeriod = Objects.requireNonNull(retryPeriod, "retryPeriod");
            return this;
        }

        /** Called when this replica acquires the lease, e.g. to start the controllers' workers. */
        public Builder onStartLeading(Runnable callback) {
            this.onStartLeading = Objects.requireNonNull(callback, "callback");
            return this;
        }

        /** Called when this replica loses or releases the lease; the usual reaction is to exit. */
        public Builder onStopLeading(Runnable callback) {
            this.onStopLeading = Objects.requireNonNull(callback, "callback");
            return this;
        }

        public Builder onNewLeader(Consumer<String> callback) {
            this.onNewLeader = Objects.requireNonNull(callback, "callback");
            return this;
        }

        public LeaderElection build() {
            return new LeaderElection(this);
        }
    }
}
