package io.qdranthybrid.platform.desired;

import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.DesiredStateMode;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.qdranthybrid.platform.PlatformFixture.clusterManifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DesiredStateStoreTest {

    private final DesiredStateStore store = new DesiredStateStore("env-1", "qdrant", 5);

    @Test
    void everyChangeGetsTheNextRevisionAndAnIdenticalPutIsFree() {
        long first = store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        long second = store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1));
        long again = store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        long changed = store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 3));

        assertThat(List.of(first, second, again, changed)).containsExactly(1L, 2L, 1L, 3L);
        assertThat(store.revision()).isEqualTo(3);
    }

    @Test
    void resourcesOutsideTheEnvironmentNamespaceAreRefused() {
        ResourceKey elsewhere = new ResourceKey(ResourceKind.CLUSTER, "kube-system", "a");

        assertThatThrownBy(() -> store.put(elsewhere, clusterManifest("a", 1)))
                .isInstanceOf(ForbiddenNamespaceException.class)
                .hasMessageContaining("manages namespace qdrant only").hasMessageContaining("kube-system");
        assertThat(store.revision()).isZero();
    }

    @Test
    void aDeltaListsEachChangedResourceOnceAtItsLatestRevisionWithTombstones() {
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1));
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 3));
        store.delete(store.key(ResourceKind.CLUSTER, "b"));
        store.put(ResourceKind.SNAPSHOT, "s", clusterManifest("s", 1));

        DesiredChanges changes = store.changesSince(2);

        assertThat(changes).isInstanceOf(DesiredChanges.Delta.class);
        DesiredState delta = ((DesiredChanges.Delta) changes).state();
        assertThat(delta.mode()).isEqualTo(DesiredStateMode.DELTA);
        assertThat(delta.baseRevision()).isEqualTo(2);
        assertThat(delta.revision()).isEqualTo(5);
        assertThat(delta.resources()).extracting(r -> r.key().name() + "@" + r.revision() + (r.isTombstone() ? "-" : ""))
                .containsExactly("a@3", "b@4-", "s@5");
    }

    @Test
    void anAgentBehindTheBoundedHistoryGetsASnapshotOfWhatIsLive() {
        store.put(ResourceKind.CLUSTER, "old", clusterManifest("old", 1));
        for (int i = 0; i < 6; i++) {
            store.put(ResourceKind.CLUSTER, "busy", clusterManifest("busy", i + 1));
        }
        store.delete(store.key(ResourceKind.CLUSTER, "old"));

        DesiredChanges changes = store.changesSince(1);

        assertThat(changes).isInstanceOf(DesiredChanges.SnapshotRequired.class);
        DesiredState snapshot = ((DesiredChanges.SnapshotRequired) changes).state();
        assertThat(snapshot.mode()).isEqualTo(DesiredStateMode.SNAPSHOT);
        assertThat(snapshot.revision()).isEqualTo(8);
        assertThat(snapshot.resources()).extracting(r -> r.key().name()).containsExactly("busy");
        // Within the history a delta is still possible.
        assertThat(store.changesSince(4)).isInstanceOf(DesiredChanges.Delta.class);
    }

    @Test
    void aFreshAgentGetsASnapshotAndACurrentOneNothing() {
        assertThat(store.changesSince(0)).isEqualTo(new DesiredChanges.UpToDate(0));
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));

        assertThat(store.changesSince(0)).isInstanceOf(DesiredChanges.SnapshotRequired.class);
        assertThat(store.changesSince(1)).isEqualTo(new DesiredChanges.UpToDate(1));
    }

    @Test
    void listenersHearEveryNewRevisionButNotNoOps() {
        List<Long> heard = new CopyOnWriteArrayList<>();
        store.addListener((environmentId, revision) -> heard.add(revision));

        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        store.delete(store.key(ResourceKind.CLUSTER, "a"));
        store.delete(store.key(ResourceKind.CLUSTER, "a"));

        assertThat(heard).containsExactly(1L, 2L);
    }

    @Test
    void concurrentWritersGetDistinctConsecutiveRevisions() throws Exception {
        DesiredStateStore big = new DesiredStateStore("env-1", "qdrant", 10_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Set<Long> revisions = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        revisions.add(big.put(ResourceKind.CLUSTER, "c-" + writer + "-" + i, clusterManifest("c", 1)));
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(revisions).hasSize(1000).allMatch(r -> r >= 1 && r <= 1000);
        DesiredState snapshot = big.snapshot().orElseThrow();
        assertThat(snapshot.resources()).hasSize(1000);
        assertThat(((DesiredChanges.Delta) big.changesSince(1)).state().resources()).hasSize(999)
                .extracting(DesiredResource::revision).isSorted();
    }

    @Test
    void aStoreReloadedFromItsRepositoryContinuesAtItsRevision() {
        InMemoryDesiredStateRepository repository = new InMemoryDesiredStateRepository();
        DesiredStateStore before = new DesiredStateStore("env-1", "qdrant", 5, repository);
        before.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        before.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1));
        before.delete(before.key(ResourceKind.CLUSTER, "a"));

        DesiredStateStore after = new DesiredStateStore("env-1", "qdrant", 5, repository);

        assertThat(after.revision()).isEqualTo(3);
        assertThat(after.keys()).extracting(ResourceKey::name).containsExactly("b");
        assertThat(after.changesSince(3)).isEqualTo(new DesiredChanges.UpToDate(3));
        // The history is gone: an agent behind gets a snapshot, not a delta that would miss the deletion of "a".
        assertThat(after.changesSince(2)).isInstanceOf(DesiredChanges.SnapshotRequired.class);
        assertThat(after.put(ResourceKind.CLUSTER, "c", clusterManifest("c", 1))).isEqualTo(4);
        assertThat(after.changesSince(3)).isInstanceOf(DesiredChanges.Delta.class);
    }

    @Test
    void aChangeTheRepositoryCannotSaveIsRefusedAndLeavesTheStoreAsItWas() {
        InMemoryDesiredStateRepository working = new InMemoryDesiredStateRepository();
        boolean[] broken = {false};
        DesiredStateRepository flaky = new DesiredStateRepository() {
            @Override
            public java.util.Optional<PersistedDesiredState> load(String environmentId) {
                return working.load(environmentId);
            }

            @Override
            public void save(String environmentId, PersistedDesiredState state) {
                if (broken[0]) {
                    throw new IllegalStateException("disk full");
                }
                working.save(environmentId, state);
            }

            @Override
            public void delete(String environmentId) {
                working.delete(environmentId);
            }
        };
        DesiredStateStore guarded = new DesiredStateStore("env-1", "qdrant", 5, flaky);
        guarded.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        broken[0] = true;

        assertThatThrownBy(() -> guarded.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1)))
                .hasMessage("disk full");
        assertThatThrownBy(() -> guarded.delete(guarded.key(ResourceKind.CLUSTER, "a"))).hasMessage("disk full");

        assertThat(guarded.revision()).isEqualTo(1);
        assertThat(guarded.keys()).extracting(ResourceKey::name).containsExactly("a");
        assertThat(guarded.changesSince(1)).isEqualTo(new DesiredChanges.UpToDate(1));
        broken[0] = false;
        assertThat(guarded.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1))).isEqualTo(2);
    }
}
