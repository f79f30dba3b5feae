package io.qdranthybrid.platform.postgres;

import io.qdranthybrid.platform.desired.DesiredStateRepository;
import io.qdranthybrid.platform.desired.DesiredStateRepositoryContract;
import io.qdranthybrid.platform.desired.DesiredStateStore;
import io.qdranthybrid.platform.desired.PersistedDesiredState;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;

import static io.qdranthybrid.platform.PlatformFixture.clusterManifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresDesiredStateRepositoryContractTest extends DesiredStateRepositoryContract {

    private DataSource database;

    @Override
    protected DesiredStateRepository newRepository() {
        database = TestPostgres.emptied();
        return new PostgresDesiredStateRepository(database);
    }

    /** A restarted control plane (or another replica): a new repository over the same database. */
    @Override
    protected DesiredStateRepository reopened() {
        return new PostgresDesiredStateRepository(database);
    }

    @Test
    void theChangesSinceAnyRevisionAreExactAfterARestart() {
        DesiredStateStore store = new DesiredStateStore("env-1", "qdrant", 10, repository);
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1));
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 2));
        store.delete(store.key(ResourceKind.CLUSTER, "b"));
        ResourceKey a = store.key(ResourceKind.CLUSTER, "a");
        ResourceKey b = store.key(ResourceKind.CLUSTER, "b");

        PostgresDesiredStateRepository restarted = new PostgresDesiredStateRepository(database);

        PostgresDesiredStateRepository.StoredChanges sinceTwo = restarted.changesSince("env-1", 2).orElseThrow();
        assertThat(sinceTwo.revision()).isEqualTo(4);
        assertThat(sinceTwo.resources()).containsExactly(
                DesiredResource.present(a, 3, clusterManifest("a", 2)), DesiredResource.tombstone(b, 4));
        assertThat(restarted.changesSince("env-1", 3).orElseThrow().resources())
                .containsExactly(DesiredResource.tombstone(b, 4));
        assertThat(restarted.changesSince("env-1", 4).orElseThrow().resources()).isEmpty();
        assertThat(restarted.changesSince("never-saved", 0)).isEmpty();
    }

    @Test
    void aSaveAtOrBelowTheStoredRevisionIsRefusedAndChangesNothing() {
        DesiredStateStore store = new DesiredStateStore("env-1", "qdrant", 10, repository);
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1));
        PersistedDesiredState stored = repository.load("env-1").orElseThrow();
        // What a second replica, still at revision 1, would write for its own change.
        PersistedDesiredState stale = new PersistedDesiredState(2, List.of(
                DesiredResource.present(store.key(ResourceKind.CLUSTER, "c"), 2, clusterManifest("c", 1))));

        assertThatThrownBy(() -> reopened().save("env-1", stale)).isInstanceOf(StaleRevisionException.class)
                .hasMessageContaining("env-1").hasMessageContaining("already at revision 2");

        assertThat(repository.load("env-1")).contains(stored);
    }

    @Test
    void twoStoresOnTheSameEnvironmentCannotBothWinARevisionTheLoserCatchesUpAndStoresItsChangeNext() {
        DesiredStateStore replicaA = new DesiredStateStore("env-1", "qdrant", 10, repository);
        DesiredStateStore replicaB = new DesiredStateStore("env-1", "qdrant", 10, reopened());
        replicaA.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));

        long revisionOfB = replicaB.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1));

        assertThat(revisionOfB).isEqualTo(2);
        assertThat(replicaB.keys()).containsExactly(replicaA.key(ResourceKind.CLUSTER, "a"),
                replicaA.key(ResourceKind.CLUSTER, "b"));
        DesiredStateStore reloaded = new DesiredStateStore("env-1", "qdrant", 10, reopened());
        assertThat(reloaded.snapshot()).isEqualTo(replicaB.snapshot());
    }

    @Test
    void twoFirstSavesOfAnEnvironmentConflictInsteadOfFailing() {
        PersistedDesiredState first = new PersistedDesiredState(1, List.of());

        repository.save("env-1", first);

        assertThatThrownBy(() -> reopened().save("env-1", first)).isInstanceOf(StaleRevisionException.class);
    }

    @Test
    void whileTheDatabaseIsDownAChangeIsRefusedWithAClearErrorAndNothingIsHalfApplied() {
        CuttableDataSource connection = new CuttableDataSource(database);
        DesiredStateStore store = new DesiredStateStore("env-1", "qdrant", 10,
                new PostgresDesiredStateRepository(connection));
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));

        connection.cut(true);
        assertThatThrownBy(() -> store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1)))
                .isInstanceOf(PlatformStoreException.class)
                .hasMessageContaining("save the desired state of environment env-1 at revision 2")
                .hasMessageContaining("refused");
        assertThat(store.revision()).isEqualTo(1);
        assertThat(store.keys()).containsExactly(store.key(ResourceKind.CLUSTER, "a"));

        connection.cut(false);
        long next = store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1));
        assertThat(next).isEqualTo(2);
        assertThat(reopened().load("env-1").orElseThrow().resources()).extracting(r -> r.key().name())
                .containsExactlyInAnyOrder("a", "b");
    }
}
