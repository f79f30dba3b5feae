package io.qdranthybrid.operator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.qdranthybrid.crd.QdrantCluster;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QdrantConfigRendererTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void rendersQdrantsOwnConfigKeysFromTheSpec() throws Exception {
        JsonNode config = YAML.readTree(QdrantConfigRenderer.render(ClusterFixtures.production().getSpec()));

        assertThat(config.at("/log_level").asText()).isEqualTo("INFO");
        assertThat(config.at("/storage/storage_path").asText()).isEqualTo("/qdrant/storage");
        assertThat(config.at("/storage/collection/replication_factor").asInt()).isEqualTo(2);
        assertThat(config.at("/storage/collection/vectors/on_disk").asBoolean()).isTrue();
        assertThat(config.at("/storage/performance/optimizer_cpu_budget").asInt()).isEqualTo(-1);
        assertThat(config.at("/storage/max_collections").asInt()).isEqualTo(500);
        assertThat(config.at("/service/enable_tls").asBoolean()).isTrue();
        assertThat(config.at("/service/max_request_size_mb").asInt()).isEqualTo(64);
        assertThat(config.at("/cluster/enabled").asBoolean()).isTrue();
        assertThat(config.at("/cluster/p2p/port").asInt()).isEqualTo(6335);
        assertThat(config.at("/cluster/p2p/enable_tls").asBoolean()).isTrue();
        assertThat(config.at("/tls/cert").asText()).isEqualTo("/qdrant/tls/cert.pem");
        assertThat(config.at("/gpu/indexing").asBoolean()).isTrue();
        assertThat(config.at("/audit/rotation").asText()).isEqualTo("hourly");
    }

    @Test
    void configMapHoldsNoSecret() {
        ConfigMap configMap = DesiredConfigMap.build(ClusterFixtures.steady(ClusterFixtures.production()));
        String rendered = configMap.getData().get("production.yaml");

        assertThat(configMap.getMetadata().getName()).isEqualTo("qdrant-prod-1");
        assertThat(rendered).doesNotContain("api_key").doesNotContain("apikey").doesNotContain("read_only");
    }

    @Test
    void renderingIsDeterministicSoTheChecksumOnlyMovesWithTheConfig() {
        QdrantCluster cluster = ClusterFixtures.production();
        String first = QdrantConfigRenderer.render(cluster.getSpec());
        String second = QdrantConfigRenderer.render(ClusterFixtures.copy(cluster).getSpec());

        assertThat(QdrantConfigRenderer.checksum(first)).isEqualTo(QdrantConfigRenderer.checksum(second));
        cluster.getSpec().getConfig().setLogLevel("DEBUG");
        assertThat(QdrantConfigRenderer.checksum(QdrantConfigRenderer.render(cluster.getSpec())))
                .isNotEqualTo(QdrantConfigRenderer.checksum(first));
    }

    @Test
    void minimalClusterStillGetsAWorkingClusteredConfig() throws Exception {
        JsonNode config = YAML.readTree(QdrantConfigRenderer.render(ClusterFixtures.minimal().getSpec()));

        assertThat(config.at("/cluster/p2p/enable_tls").asBoolean()).isFalse();
        assertThat(config.at("/service/http_port").asInt()).isEqualTo(6333);
        assertThat(config.has("tls")).isFalse();
        assertThat(config.has("gpu")).isFalse();
    }
}
