package io.qdranthybrid.platform.desired;

import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.EnvironmentConfiguration;
import io.qdranthybrid.platform.environment.InMemoryEnvironmentRegistry;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static io.qdranthybrid.platform.PlatformFixture.clusterManifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a {@link DesiredStateRepository} with its {@link DesiredStateChangeFeed} must do for replicas of a control plane
 * sharing it: a change saved through one replica reaches the other's stores (and so its agents), and replicas writing
 * the same environment at once lose nothing and store nothing twice. A backend's test extends this; the in-memory one
 * is {@code InMemoryDesiredStateReplicasTest}.
 */
public abstract class DesiredStateReplicasContract {

    /** One replica's view of the shared storage. */
    public record Replica(DesiredStateRepository repository, DesiredStateChangeFeed feed) {
    }

    /** Empty shared storage, seen by a first replica. */
    protected abstract Replica firstReplica();

    /** Another replica over the storage {@link #firstReplica()} created. */
    protected abstract Replica anotherReplica();

    private final InMemoryEnvironmentRegistry registry = new InMemoryEnvironmentRegistry(Clock.systemUTC());
    private DesiredStateStores storesA;
    private DesiredStateStores storesB;
    private final Map<String, List<Long>> heardByB = new ConcurrentHashMap<>();
    private Environment environment;

    @BeforeEach
    void twoReplicas() {
        Replica a = firstReplica();
        Replica b = anotherReplica();
        storesA = new DesiredStateStores(registry, 100, a.repository(), a.feed());
        storesB = new DesiredStateStores(registry, 100, b.repository(), b.feed());
        storesB.addListener((id, revision) -> heardByB.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(revision));
        environment = registry.create("prod", "qdrant", EnvironmentConfiguration.defaults());
    }

    @Test
    void aChangeSavedThroughOneReplicaReachesTheOthersStoreAndListeners() {
        DesiredStateStore onB = storesB.forEnvironment(environment.id());
        DesiredStateStore onA = storesA.forEnvironment(environment.id());

        long revision = onA.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 3));

        await().until(() -> heardByB.getOrDefault(environment.id(), List.of()).contains(revision));
        assertThat(onB.revision()).isEqualTo(revision);
        DesiredChanges forAgentOnB = onB.changesSince(0);
        assertThat(((DesiredChanges.SnapshotRequired) forAgentOnB).state().resources())
                .containsExactly(DesiredResource.present(onB.key(ResourceKind.CLUSTER, "a"), 1, clusterManifest("a", 3)));
    }

    @Test
    void anAgentOnTheOtherReplicaGetsADeltaWithTheDeletion() {
        DesiredStateStore onA = storesA.forEnvironment(environment.id());
        onA.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        onA.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1));
        DesiredStateStore onB = storesB.forEnvironment(environment.id());
        ResourceKey a = onA.key(ResourceKind.CLUSTER, "a");

        onA.delete(a);
        long last = onA.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 2));

        await().until(() -> onB.revision() == last);
        DesiredState delta = ((DesiredChanges.Delta) onB.changesSince(2)).state();
        assertThat(delta.resources()).extracting(DesiredResource::key, DesiredResource::isTombstone)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(a, true),
                        org.assertj.core.groups.Tuple.tuple(onA.key(ResourceKind.CLUSTER, "b"), false));
    }

    @Test
    void replicasWritingAtOnceLoseNothingAndStoreNothingTwice() {
        DesiredStateStore onA = storesA.forEnvironment(environment.id());
        DesiredStateStore onB = storesB.forEnvironment(environment.id());
        int each = 15;

        CompletableFuture<Void> writesA = CompletableFuture.runAsync(() -> IntStream.range(0, each)
                .forEach(i -> onA.put(ResourceKind.CLUSTER, "a-" + i, clusterManifest("a-" + i, 1))));
        CompletableFuture<Void> writesB = CompletableFuture.runAsync(() -> IntStream.range(0, each)
                .forEach(i -> onB.put(ResourceKind.CLUSTER, "b-" + i, clusterManifest("b-" + i, 1))));
        CompletableFuture.allOf(writesA, writesB).join();

        await().until(() -> onA.revision() == 2L * each && onB.revision() == 2L * each);
        for (DesiredStateStore store : List.of(onA, onB)) {
            DesiredState snapshot = ((DesiredChanges.SnapshotRequired) store.changesSince(0)).state();
            assertThat(snapshot.resources()).hasSize(2 * each);
            assertThat(snapshot.resources()).extracting(DesiredResource::revision).doesNotHaveDuplicates();
        }
        assertThat(onA.snapshot()).isEqualTo(onB.snapshot());
    }
}
