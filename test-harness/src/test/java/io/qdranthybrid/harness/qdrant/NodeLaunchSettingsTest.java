package io.qdranthybrid.harness.qdrant;

import io.qdranthybrid.harness.runtime.ContainerLaunch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeLaunchSettingsTest {

    private static ContainerLaunch launch(String pod, Map<String, String> labels, String image, List<String> args,
                                          Map<String, String> files, Map<String, String> volumes) {
        return new ContainerLaunch("ns", pod, "uid", labels, image, args, Map.of(), files, volumes, 0);
    }

    @Test
    void versionComesFromTheImageTag() {
        assertThat(NodeLaunchSettings.versionOf("qdrant/qdrant:v1.12.3")).isEqualTo("1.12.3");
        assertThat(NodeLaunchSettings.versionOf("registry:5000/qdrant/qdrant:v1.13.0-unprivileged")).isEqualTo("1.13.0");
        assertThat(NodeLaunchSettings.versionOf("qdrant/qdrant:1.11.5@sha256:abc")).isEqualTo("1.11.5");
        assertThat(NodeLaunchSettings.versionOf("registry:5000/qdrant/qdrant")).isEqualTo(NodeLaunchSettings.DEFAULT_VERSION);
        assertThat(NodeLaunchSettings.versionOf("qdrant/qdrant:latest")).isEqualTo(NodeLaunchSettings.DEFAULT_VERSION);
    }

    @Test
    void clusterComesFromTheClusterIdLabelElseThePodNameWithoutOrdinal() {
        assertThat(NodeLaunchSettings.from(launch("db-2", Map.of("cluster-id", "c-42"), "qdrant/qdrant:v1.12.3",
                List.of(), Map.of(), Map.of())).cluster()).isEqualTo(new ClusterKey("ns", "c-42"));
        assertThat(NodeLaunchSettings.from(launch("my-db-12", Map.of(), "qdrant/qdrant:v1.12.3",
                List.of(), Map.of(), Map.of())).cluster()).isEqualTo(new ClusterKey("ns", "my-db"));
    }

    @Test
    void storageIdentityIsTheVolumeAtQdrantStorageElseThePod() {
        assertThat(NodeLaunchSettings.from(launch("db-0", Map.of(), "q:v1.0.0", List.of(), Map.of(),
                Map.of("/qdrant/storage", "pv-1", "/qdrant/snapshots", "pv-2"))).volumeHandle()).isEqualTo("pv-1");
        assertThat(NodeLaunchSettings.from(launch("db-0", Map.of(), "q:v1.0.0", List.of(), Map.of(),
                Map.of("/qdrant/snapshots", "pv-2"))).volumeHandle()).isEqualTo("ns/db-0");
    }

    @Test
    void p2pUriIsTakenFromTheUriArgumentEvenInsideAShellCommand() {
        assertThat(NodeLaunchSettings.from(launch("db-0", Map.of(), "q:v1.0.0",
                List.of("sh", "-c", "exec ./qdrant --uri http://db-0.db-headless:6335 --bootstrap x"), Map.of(), Map.of()))
                .p2pUri()).isEqualTo("http://db-0.db-headless:6335");
        assertThat(NodeLaunchSettings.from(launch("db-0", Map.of(), "q:v1.0.0", List.of(), Map.of(), Map.of())).p2pUri())
                .isEqualTo("http://db-0.db-headless.ns:6335/");
    }

    @Test
    void quotedUriWithHostnameIsExpandedAsTheShellWould() {
        String script = "if [ \"${HOSTNAME##*-}\" = \"0\" ]; then exec ./entrypoint.sh --uri "
                + "\"http://${HOSTNAME}.qdrant-headless-a:6335\"; fi";

        assertThat(NodeLaunchSettings.from(launch("qdrant-a-0", Map.of(), "q:v1.0.0",
                List.of("/bin/bash", "-c", script), Map.of(), Map.of())).p2pUri())
                .isEqualTo("http://qdrant-a-0.qdrant-headless-a:6335");
    }

    @Test
    void unreadableConfigFileIsAClearError() {
        assertThatThrownBy(() -> NodeLaunchSettings.from(launch("db-0", Map.of(), "q:v1.0.0", List.of(),
                Map.of("/qdrant/config/production.yaml", "service: [unclosed"), Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/qdrant/config/production.yaml is not valid YAML");
    }

    @Test
    void blankKeysMeanNoKey() {
        ApiKeys keys = new ApiKeys("", " ");
        assertThat(keys.refusal("DELETE", "/collections/x", null, null)).isEmpty();
    }
}
