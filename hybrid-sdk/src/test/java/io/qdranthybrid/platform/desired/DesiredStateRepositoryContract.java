package io.qdranthybrid.platform.desired;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.qdranthybrid.platform.PlatformFixture.clusterManifest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link DesiredStateRepository} must do under a {@link DesiredStateStore}: a store restarted over it
 * continues at the same revision with the same resources, and an agent that asks for the changes since the revision
 * it applied, before or after the restart, ends up with exactly the store's state. A backend's test extends this; the
 * in-memory one is {@code InMemoryDesiredStateRepositoryTest}.
 */
public abstract class DesiredStateRepositoryContract {

    protected DesiredStateRepository repository;

    /** An empty repository. */
    protected abstract DesiredStateRepository newRepository();

    /**
     * The repository as a restarted control plane sees it: a new instance over the same storage where the backend
     * has one, the same instance otherwise.
     */
    protected DesiredStateRepository reopened() {
        return repository;
    }

    @BeforeEach
    void createRepository() {
        repository = newRepository();
    }

    @Test
    void aRestartedStoreHasTheSameResourcesAndRevision() {
        DesiredStateStore before = new DesiredStateStore("env-1", "qdrant", 10, repository);
        before.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 3));
        before.put(ResourceKind.SCHEDULE, "nightly", clusterManifest("nightly", 1));

        DesiredStateStore after = new DesiredStateStore("env-1", "qdrant", 10, reopened());

        assertThat(after.revision()).isEqualTo(2);
        assertThat(after.snapshot()).isEqualTo(before.snapshot());
    }

    @Test
    void nothingSavedLoadsAsEmpty() {
        assertThat(repository.load("never-saved")).isEmpty();
        assertThat(new DesiredStateStore("never-saved", "qdrant", 10, repository).snapshot()).isEmpty();
    }

    @Test
    void aDeletionSurvivesTheRestartAndRevisionsContinueAfterIt() {
        DesiredStateStore before = new DesiredStateStore("env-1", "qdrant", 10, repository);
        before.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        before.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1));
        before.delete(before.key(ResourceKind.CLUSTER, "a"));

        DesiredStateStore after = new DesiredStateStore("env-1", "qdrant", 10, reopened());
        long next = after.put(ResourceKind.CLUSTER, "c", clusterManifest("c", 1));

        assertThat(next).isEqualTo(4);
        assertThat(reopened().load("env-1").orElseThrow().resources()).extracting(r -> r.key().name())
                .containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void anAgentAtAnyRevisionCatchesUpExactlyAfterARestart() {
        DesiredStateStore before = new DesiredStateStore("env-1", "qdrant", 10, repository);
        before.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        before.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1));
        Map<ResourceKey, JsonNode> agent = apply(new HashMap<>(), before.changesSince(0));
        long agentRevision = before.revision();
        before.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 3));
        before.delete(before.key(ResourceKind.CLUSTER, "b"));
        before.put(ResourceKind.CLUSTER, "c", clusterManifest("c", 1));

        DesiredStateStore after = new DesiredStateStore("env-1", "qdrant", 10, reopened());
        DesiredChanges changes = after.changesSince(agentRevision);

        assertThat(apply(agent, changes)).isEqualTo(Map.of(
                after.key(ResourceKind.CLUSTER, "a"), clusterManifest("a", 3),
                after.key(ResourceKind.CLUSTER, "c"), clusterManifest("c", 1)));
        assertThat(after.changesSince(after.revision())).isEqualTo(new DesiredChanges.UpToDate(5));
    }

    @Test
    void environmentsAreKeptApartAndDeletedOnTheirOwn() {
        new DesiredStateStore("env-1", "qdrant", 10, repository).put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        new DesiredStateStore("env-2", "other", 10, repository).put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1));

        repository.delete("env-1");

        assertThat(reopened().load("env-1")).isEmpty();
        assertThat(reopened().load("env-2").orElseThrow().resources()).extracting(r -> r.key().name())
                .containsExactly("b");
        assertThat(new DesiredStateStore("env-1", "qdrant", 10, reopened()).revision()).isZero();
    }

    /** What an agent's ledger does with the answer: a snapshot replaces everything, a delta patches. */
    private static Map<ResourceKey, JsonNode> apply(Map<ResourceKey, JsonNode> agent, DesiredChanges changes) {
        Map<ResourceKey, JsonNode> result = new HashMap<>(agent);
        DesiredState state = null;
        if (changes instanceof DesiredChanges.Delta delta) {
            state = delta.state();
        } else if (changes instanceof DesiredChanges.SnapshotRequired snapshot) {
            result.clear();
            state = snapshot.state();
        }
        if (state != null) {
            for (DesiredResource resource : state.resources()) {
                if (resource.isTombstone()) {
                    result.remove(resource.key());
                } else {
                    result.put(resource.key(), resource.manifestIfPresent().orElseThrow());
                }
            }
        }
        return result;
    }
}
