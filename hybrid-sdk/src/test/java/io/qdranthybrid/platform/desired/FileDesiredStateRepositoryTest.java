package io.qdranthybrid.platform.desired;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileDesiredStateRepositoryTest extends DesiredStateRepositoryContract {

    @TempDir
    Path directory;

    @Override
    protected DesiredStateRepository newRepository() {
        return new FileDesiredStateRepository(directory);
    }

    /** A new repository on the same directory, as after a restart of the process. */
    @Override
    protected DesiredStateRepository reopened() {
        return new FileDesiredStateRepository(directory);
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
