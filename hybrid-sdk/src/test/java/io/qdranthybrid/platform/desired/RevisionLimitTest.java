package io.qdranthybrid.platform.desired;

import io.qdranthybrid.protocol.message.ResourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.qdranthybrid.platform.PlatformFixture.clusterManifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 15 item 9: the revision counter never wraps and never reaches disk broken. */
class RevisionLimitTest {

    @TempDir
    Path directory;

    @Test
    void aStoreAtTheHighestRevisionRefusesFurtherChangesInsteadOfWrapping() {
        InMemoryDesiredStateRepository repository = new InMemoryDesiredStateRepository();
        repository.save("env-1", new PersistedDesiredState(DesiredStateStore.MAX_REVISION - 1, List.of()));
        DesiredStateStore store = new DesiredStateStore("env-1", "qdrant", 10, repository);

        assertThat(store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1))).isEqualTo(DesiredStateStore.MAX_REVISION);
        assertThatThrownBy(() -> store.put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("highest desired-state revision");
        assertThat(store.revision()).isEqualTo(DesiredStateStore.MAX_REVISION);
        assertThat(store.keys()).extracting(k -> k.name()).containsExactly("a");
    }

    @Test
    void aRevisionBeyondTheLimitCannotBePersisted() {
        assertThatThrownBy(() -> new PersistedDesiredState(Long.MAX_VALUE, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("revision must be between 0 and");
    }

    @Test
    void aFileWithAnOverflowingOrNonIntegralRevisionIsReportedAsCorrupt() throws Exception {
        FileDesiredStateRepository repository = new FileDesiredStateRepository(directory);
        for (String revision : List.of("92233720368547758070", "1.5", "\"12\"", "-3", "9223372036854775807")) {
            Files.writeString(directory.resolve("env-1.desired.json"), "{\"revision\":" + revision + ",\"resources\":[]}");

            assertThatThrownBy(() -> repository.load("env-1")).as(revision).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("env-1");
        }
    }

    @Test
    void changesSinceARevisionTheStoreNeverHandedOutIsRefused() {
        DesiredStateStore store = new DesiredStateStore("env-1", "qdrant", 10);
        store.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));

        assertThatThrownBy(() -> store.changesSince(Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.isKnownRevision(1)).isTrue();
        assertThat(store.isKnownRevision(2)).isFalse();
        assertThat(store.revision()).isEqualTo(1);
    }
}
