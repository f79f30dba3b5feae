package io.qdranthybrid.reconcile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Kubeconfig files for client tests: one cluster, one token user, an optional context namespace. */
final class TestKubeconfigs {

    private TestKubeconfigs() {
    }

    /** Writes {@code file} pointing at {@code server}; a blank {@code contextNamespace} leaves the context without one. */
    static Path write(Path file, String server, String contextNamespace) throws IOException {
        return Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster:
                    server: %s
                contexts:
                - name: c
                  context:
                    cluster: c
                    user: u
                %s
                current-context: c
                users:
                - name: u
                  user:
                    token: not-a-real-token
                """.formatted(server, contextNamespace.isEmpty() ? "" : "    namespace: " + contextNamespace));
    }
}
