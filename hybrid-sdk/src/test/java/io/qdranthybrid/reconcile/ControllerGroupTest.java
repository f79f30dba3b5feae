package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdranthybrid.crd.QdrantCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ControllerGroupTest {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    /**
     * Long enough that a renewal delayed by a loaded machine does not hand the lease over by expiry; the standby
     * still retries every 100 ms, so a lease released too early is taken at once.
     */
    private static final Duration LOADED_MACHINE_LEASE = Duration.ofSeconds(5);
    private static final Duration LOADED_MACHINE_RENEW_DEADLINE = Duration.ofSeconds(4);

    private final MockKube kube = MockKube.shared();
    private final String namespace = "group-" + NAMESPACES.incrementAndGet();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private ControllerGroup replica(String identity, Reconciler<QdrantCluster> reconciler) {
        return replica(identity, reconciler, Duration.ofMillis(1000), Duration.ofMillis(800));
    }

    /** A replica retrying every 100 ms, holding the lease for {@code leaseDuration} if not renewed in time. */
    private ControllerGroup replica(String identity, Reconciler<QdrantCluster> reconciler, Duration leaseDuration,
            Duration renewDeadline) {
        KubernetesClient client = kube.newClient();
        Controller<QdrantCluster> controller = Controller.builder(client, QdrantCluster.class, reconciler)
                .namespaces(namespace).build();
        ControllerGroup group = ControllerGroup.whileLeading(identity, List.of(controller),
                LeaderElection.builder(client, namespace, "group-lease", identity)
                        .timing(leaseDuration, renewDeadline, Duration.ofMillis(100)));
        toClose.add(group);
        return group;
    }

    @Test
    void shutdownLetsInFlightReconcilesFinishBeforeAStandbyCanLead() throws Exception {
        kube.createCluster(namespace, "qdrant-a", 1, Map.of());
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ControllerGroup leader = replica("replica-a", cluster -> {
            inFlight.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events.add("replica-a finished its reconcile");
            return ReconcileResult.done();
        }, LOADED_MACHINE_LEASE, LOADED_MACHINE_RENEW_DEADLINE);
        ControllerGroup standby = replica("replica-b", cluster -> {
            events.add("replica-b reconciles");
            return ReconcileResult.done();
        }, LOADED_MACHINE_LEASE, LOADED_MACHINE_RENEW_DEADLINE);
        leader.start();
        await().atMost(Duration.ofSeconds(10)).until(leader::isLeader);
        standby.start();
        assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(standby::isReady);

        ZonedDateTime closeAsked = ZonedDateTime.now();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(leader::close);

        // Released first, the lease would be the standby's (retrying every 100 ms) at once; left to expire, it would
        // get no renewal. Renewed by replica-a after the close began, it is a lease the standby cannot take.
        await().atMost(Duration.ofSeconds(5)).until(() -> lease().getSpec().getRenewTime().isAfter(closeAsked));
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("replica-a");
        assertThat(standby.isLeader()).isFalse();
        assertThat(closing).as("close waits for the in-flight reconcile").isNotDone();
        release.countDown();
        closing.get(15, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("replica-b reconciles"));
        assertThat(events).startsWith("replica-a finished its reconcile", "replica-b reconciles");
    }

    private io.fabric8.kubernetes.api.model.coordination.v1.Lease lease() {
        return kube.client().leases().inNamespace(namespace).withName("group-lease").get();
    }

    @Test
    void aLostLeaseMakesTheGroupDeadSoThatTheProbeRestartsIt() {
        ControllerGroup group = replica("replica-a", cluster -> ReconcileResult.done());
        assertThat(group.isAlive()).as("alive before start").isTrue();
        group.start();
        await().atMost(Duration.ofSeconds(10)).until(group::isLeader);
        assertThat(group.isAlive()).isTrue();

        // Another process takes the lease over (e.g. this one was paused past the lease duration).
        // The holder renews every 100 ms, so the takeover may conflict with a renewal: retry it.
        await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(KubernetesClientException.class).until(() -> {
            kube.client().leases().inNamespace(namespace).withName("group-lease").edit(lease -> new LeaseBuilder(lease)
                    .editSpec().withHolderIdentity("intruder").withLeaseDurationSeconds(3600)
                    .withRenewTime(ZonedDateTime.now()).endSpec().build());
            return true;
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> !group.isLeader());
        await().atMost(Duration.ofSeconds(10)).until(() -> !group.isAlive());
        assertThat(group.isReady()).isFalse();
    }

    @Test
    void informersThatFailedToStartMakeTheGroupDead() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:" + closedPort).withRequestRetryBackoffLimit(0).build()).build();
        toClose.add(unreachable);
        Controller<QdrantCluster> controller = Controller.builder(unreachable, QdrantCluster.class,
                cluster -> ReconcileResult.done()).namespaces(namespace).build();
        ControllerGroup group = ControllerGroup.always("unreachable", List.of(controller));
        toClose.add(group);

        group.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> !group.isAlive());
        assertThat(group.isReady()).isFalse();
    }

    @Test
    void aHealthyGroupWithoutElectionStaysAlive() {
        Controller<QdrantCluster> controller = Controller.builder(kube.newClient(), QdrantCluster.class,
                cluster -> ReconcileResult.done()).namespaces(namespace).build();
        ControllerGroup group = ControllerGroup.always("healthy", List.of(controller));
        toClose.add(group);

        group.start();

        await().atMost(Duration.ofSeconds(10)).until(group::isReady);
        assertThat(group.isAlive()).isTrue();
        group.close();
        assertThat(group.isAlive()).as("a closed group cannot reconcile").isFalse();
    }
}
