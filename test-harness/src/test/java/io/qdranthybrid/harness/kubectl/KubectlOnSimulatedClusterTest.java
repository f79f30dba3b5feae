package io.qdranthybrid.harness.kubectl;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real kubectl binary, unmodified, against the simulated cluster: the client every user reaches for must work
 * as on a real cluster (kubectl reads discovery, the OpenAPI v3 documents, server-side Tables). Skipped, with a
 * message, where kubectl is not installed (.ci/run installs Debian's kubernetes-client).
 */
class KubectlOnSimulatedClusterTest {

    private static final Path MINIMAL = Path.of("..", "samples", "manifests", "minimal.yaml");

    private static SimulatedCluster cluster;
    private static boolean kubectlInstalled;
    private Kubectl kubectl;
    private String namespace;

    @BeforeAll
    static void start() {
        kubectlInstalled = Kubectl.installed();
        if (kubectlInstalled) {
            cluster = SimulatedCluster.start();
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void kubeconfig(@TempDir Path dir) {
        assumeTrue(kubectlInstalled, "kubectl is not installed: the kubectl conformance test is skipped "
                + "(install Debian's kubernetes-client; .ci/run does)");
        kubectl = new Kubectl(Kubectl.writeKubeconfig(dir, cluster.kubeconfig()));
        namespace = cluster.createNamespace("kubectl");
    }

    private Kubectl.Result ok(String... args) {
        Kubectl.Result result = kubectl.run(args);
        assertThat(result.exitCode()).as("kubectl %s: %s", String.join(" ", args), result.all()).isZero();
        return result;
    }

    private GenericKubernetesResource minimal() {
        return cluster.client().genericKubernetesResources("qdrant.io/v1", "QdrantCluster").inNamespace(namespace)
                .withName("qdrant-minimal").get();
    }

    @Test
    void applyThenGetShowsTheCrdsPrinterColumnsThroughTheShortName() {
        assertThat(ok("apply", "-n", namespace, "-f", MINIMAL.toString()).stdout())
                .contains("qdrantcluster.qdrant.io/qdrant-minimal created");

        String table = ok("get", "qc", "-n", namespace).stdout();

        // additionalPrinterColumns of qdrantclusters.qdrant.io: Nodes, Version, Phase, Age.
        assertThat(table.lines().findFirst().orElseThrow()).containsSubsequence("NAME", "NODES", "VERSION", "PHASE", "AGE");
        assertThat(table).containsPattern("qdrant-minimal\\s+1\\s+v1\\.12\\.6");
    }

    @Test
    void serverSideApplyScalePatchAndDeleteChangeTheStoredObject() {
        assertThat(ok("apply", "--server-side", "-n", namespace, "-f", MINIMAL.toString()).stdout())
                .contains("qdrantcluster.qdrant.io/qdrant-minimal serverside-applied");

        assertThat(ok("scale", "qc/qdrant-minimal", "--replicas=3", "-n", namespace).stdout())
                .contains("qdrantcluster.qdrant.io/qdrant-minimal scaled");
        assertThat(minimal().get("spec", "size").toString()).isEqualTo("3");

        assertThat(ok("patch", "qc", "qdrant-minimal", "-n", namespace, "--type", "merge", "-p",
                "{\"spec\":{\"version\":\"v1.13.0\"}}").stdout()).contains("qdrantcluster.qdrant.io/qdrant-minimal patched");
        assertThat(minimal().get("spec", "version").toString()).isEqualTo("v1.13.0");

        assertThat(ok("delete", "qc", "qdrant-minimal", "-n", namespace, "--wait=false").stdout())
                .contains("qdrantcluster.qdrant.io \"qdrant-minimal\" deleted");
    }

    @Test
    void getWatchStreamsTheChangesOfTheWatchedObjectAsTableRows() throws Exception {
        ok("apply", "-n", namespace, "-f", MINIMAL.toString());
        Process watch = kubectl.start("get", "qc", "qdrant-minimal", "-n", namespace, "-w");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(watch.getInputStream(),
                StandardCharsets.UTF_8))) {
            // kubectl get -w lists first (header and row), then streams each change as a row over a chunked HTTP watch.
            assertThat(lines.readLine()).containsSubsequence("NAME", "NODES", "VERSION", "PHASE", "AGE");
            assertThat(lines.readLine()).startsWith("qdrant-minimal");

            ok("patch", "qc", "qdrant-minimal", "-n", namespace, "--type", "merge", "-p", "{\"spec\":{\"size\":2}}");

            assertThat(lines.readLine()).as("the change, as a row read from the watch").containsPattern(
                    "qdrant-minimal\\s+2\\s+v1\\.12\\.6");
        } finally {
            watch.destroy();
        }
    }

    @Test
    void dryRunServerStoresNothing() {
        assertThat(ok("apply", "--dry-run=server", "-n", namespace, "-f", MINIMAL.toString()).stdout())
                .contains("qdrantcluster.qdrant.io/qdrant-minimal created (server dry run)");

        assertThat(minimal()).isNull();
    }

    @Test
    void explainDescribesAFieldOfTheCrdSchema() {
        String explained = ok("explain", "qdrantclusters.spec.size").stdout();

        assertThat(explained).contains("KIND:", "QdrantCluster", "FIELD:", "size", "<integer>");
    }
}
