package io.qdranthybrid.agent.app;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.agent.doctor.ClusterReads;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.deploy.DeployRbac;
import io.qdranthybrid.harness.kube.controllers.storage.SimulatedStorageClasses;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hybrid-agent.jar doctor} against the simulated cluster, as the agent's ServiceAccount with the shipped Role
 * and the optional cluster-read component, and a control plane that accepts the WebSocket: the table a user reads.
 */
class DoctorCommandTest {

    private static SimulatedCluster cluster;
    private static String namespace;
    private static Path kubeconfig;
    private final MockWebServer controlPlane = new MockWebServer();

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = SimulatedCluster.start();
        namespace = cluster.createNamespace("doctor");
        DeployRbac.AGENT.installWithClusterRead(cluster.client(), namespace);
        kubeconfig = Files.createTempFile("doctor-kubeconfig", ".yaml");
        Files.writeString(kubeconfig, cluster.api().kubeconfigFor(namespace, DeployRbac.AGENT.serviceAccount()));
    }

    @AfterAll
    static void stopCluster() throws IOException {
        cluster.close();
        Files.deleteIfExists(kubeconfig);
    }

    @BeforeEach
    void startControlPlane() throws IOException {
        controlPlane.enqueue(new MockResponse().withWebSocketUpgrade(new WebSocketListener() { }));
        controlPlane.start();
    }

    @AfterEach
    void stopControlPlane() throws IOException {
        controlPlane.shutdown();
    }

    /** The expandable CSI class as the default, its snapshot class present: the storage a Qdrant cluster wants. */
    private static void goodStorage() {
        KubernetesClient admin = cluster.client();
        admin.storage().v1().storageClasses().withName(SimulatedStorageClasses.LOCAL_PATH).edit(sc -> markDefault(sc, false));
        admin.storage().v1().storageClasses().withName(SimulatedStorageClasses.SIM_CSI).edit(sc -> {
            markDefault(sc, true);
            sc.setAllowVolumeExpansion(true);
            return sc;
        });
        SimulatedStorageClasses.installSnapshotClass(admin);
    }

    private static StorageClass markDefault(StorageClass sc, boolean isDefault) {
        sc.getMetadata().getAnnotations().put(SimulatedStorageClasses.DEFAULT_CLASS_ANNOTATION, String.valueOf(isDefault));
        return sc;
    }

    private String run() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = DoctorCommand.run(Map.of(
                "qdrant.agent.kubeconfig", kubeconfig.toString(),
                "qdrant.agent.control-plane-url", "ws://127.0.0.1:" + controlPlane.getPort() + "/agent/v1",
                "qdrant.agent.allow-insecure", "true",
                "qdrant.agent.environment-id", "env-doctor",
                "qdrant.agent.access-key", "7f1d3c2e-0b9a-4c59-9d7e-2a6f8e4b1c3d|doctor-test-secret"),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return "exit " + status + "\n" + out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> rows(String table, String result) {
        return table.lines().filter(line -> line.startsWith(result + " ")).toList();
    }

    @Test
    void onAWellPreparedClusterNothingFailsAndStorageBackupsRbacCrdsAndControlPlanePass() throws Exception {
        goodStorage();

        String output = run();

        assertThat(output).startsWith("exit 0\n").contains("0 failed");
        assertThat(rows(output, "PASS")).anyMatch(row -> row.contains("Default StorageClass")
                        && row.contains("sim-csi (sim.csi.qdranthybrid.io): block storage, expandable"))
                .anyMatch(row -> row.contains("VolumeSnapshotClass (backups)") && row.contains("csi-snapclass"))
                .anyMatch(row -> row.contains("Agent RBAC"))
                .anyMatch(row -> row.contains("CustomResourceDefinitions"))
                .anyMatch(row -> row.contains("Control plane reachable") && row.contains("accepts the agent's WebSocket"));
        // The shipped agent RBAC may neither review others' access nor read Roles: a warning, never a failure.
        assertThat(rows(output, "WARN")).anyMatch(row -> row.contains("Operator RBAC")
                && row.contains("cannot check the operator's rights"));
        assertThat(controlPlane.takeRequest().getHeader("Upgrade")).isEqualTo("websocket");
    }

    @Test
    void aDefaultClassThatCannotGrowAndNoSnapshotClassWarnWithWhatToDo() {
        goodStorage();
        cluster.client().storage().v1().storageClasses().withName(SimulatedStorageClasses.SIM_CSI).edit(sc -> {
            sc.setAllowVolumeExpansion(false);
            return sc;
        });
        cluster.client().genericKubernetesResources(ClusterReads.VOLUME_SNAPSHOT_CLASSES).withName(SimulatedStorageClasses.CSI_SNAPSHOT_CLASS)
                .delete();

        String output = run();

        assertThat(output).startsWith("exit 0\n");
        assertThat(output).contains("WARN   Default StorageClass")
                .contains("sim-csi does not allow volume expansion")
                .contains("-> set allowVolumeExpansion: true on sim-csi if its driver supports it")
                .contains("no VolumeSnapshotClass: backups are unavailable")
                .contains("-> create a VolumeSnapshotClass for your CSI driver (driver: sim.csi.qdranthybrid.io)");
    }

    @Test
    void aControlPlaneUrlNobodyServesFailsWithExitStatusOne() throws IOException {
        goodStorage();
        controlPlane.shutdown();

        String output = run();

        assertThat(output).startsWith("exit 1\n");
        assertThat(rows(output, "FAIL")).singleElement().satisfies(row -> assertThat(row)
                .contains("Control plane reachable").contains("cannot connect to 127.0.0.1:"));
    }
}
