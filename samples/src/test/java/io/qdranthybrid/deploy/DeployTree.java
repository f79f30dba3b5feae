package io.qdranthybrid.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's deploy/ and crds/ folders are, found from the test's working directory upwards. */
final class DeployTree {

    private DeployTree() {
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("deploy")) && Files.isDirectory(dir.resolve("crds"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no deploy/ and crds/ above " + Path.of("").toAbsolutePath()
                + "; run the tests from inside the qdrant-hybrid repository");
    }

    static Path deploy(String relative) {
        return repositoryRoot().resolve("deploy").resolve(relative);
    }

    static Path generatedCrds() {
        return repositoryRoot().resolve("crds");
    }
}
