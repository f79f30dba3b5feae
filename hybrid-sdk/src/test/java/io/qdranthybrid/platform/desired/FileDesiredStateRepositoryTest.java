package io.qdranthybrid.platform.desired;

import io.qdranthybrid.protocol.message.ResourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.qdranthybrid.platform.PlatformFixture.clusterManifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileDesiredStateRepositoryTest {

    @TempDir
    Path directory;

    @Test
    void aStoreOverANewRepositoryOnTheSameDirectoryHasTheSameResourcesAndRevision() {
        DesiredStateStore before = new DesiredStateStore("env-1", "qdrant", 10, new FileDesiredStateRepository(directory));
        before.put(ResourceKind.CLUSTER, "a", clusterManifest("a", 3));
        before.put(ResourceKind.SCHEDULE, "nightly", clusterManifest("nightly", 1));

        DesiredStateStore after = new DesiredStateStore("env-1", "qdrant", 10, new FileDesiredStateRepository(directory));

        assertThat(after.revision()).isEqualTo(2);
        assertThat(after.snapshot()).isEqualTo(before.snapshot());
    }

    @Test
    void environmentsAreKeptApartAndDeletedOnTheirOwn() {
        FileDesiredStateRepository repository = new FileDesiredStateRepository(directory);
        new DesiredStateStore("env-1", "qdrant", 10, repository).put(ResourceKind.CLUSTER, "a", clusterManifest("a", 1));
        new DesiredStateStore("env-2", "other", 10, repository).put(ResourceKind.CLUSTER, "b", clusterManifest("b", 1));

        repository.delete("env-1");

        assertThat(repository.load("env-1")).isEmpty();
        assertThat(repository.load("env-2").orElseThrow().resources()).extracting(r -> r.key().name())
                .containsExactly("b");
    }

    @Test
    void anIdThatCouldNameAnotherPathIsRefused() {
        FileDesiredStateRepository repository = new FileDesiredStateRepository(directory.resolve("states"));

        assertThatThrownBy(() -> repository.load("../env-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot name a file");
        assertThat(Files.exists(directory.resolve("env-1.desired.json"))).isFalse();
    }

    @Test
    void aCorruptFileIsReportedWithItsEnvironment() throws Exception {
        FileDesiredStateRepository repository = new FileDesiredStateRepository(directory);
        Files.writeString(directory.resolve("env-1.desired.json"), "{\"revision\":2,\"resources\":[{\"kind\":\"pods\"}]}");

        assertThatThrownBy(() -> repository.load("env-1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("env-1").hasMessageContaining("unknown resource kind 'pods'");
    }
}
