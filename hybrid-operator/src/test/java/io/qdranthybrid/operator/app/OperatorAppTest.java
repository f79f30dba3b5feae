package io.qdranthybrid.operator.app;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The packaged app: configured by properties, connected by kubeconfig, ready once synced and leading or standing by. */
class OperatorAppTest {

    private static SimulatedCluster cluster;
    private static Path kubeconfig;

    @BeforeAll
    static void start() throws IOException {
        cluster = SimulatedCluster.start();
        kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
        Files.writeString(kubeconfig, cluster.kubeconfig());
    }

    @AfterAll
    static void stop() throws IOException {
        cluster.close();
        Files.deleteIfExists(kubeconfig);
    }

    @Test
    void appReconcilesItsNamespaceAndReportsReadinessAndMetrics() {
        String namespace = cluster.createNamespace("app");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, settings(namespace, "lease-a"));
             HttpClient http = HttpClient.create(server.getURL())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> status(http, "/health/readiness") == 200);

            cluster.client().resource(cluster("app1")).inNamespace(namespace).create();

            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.client().configMaps().inNamespace(namespace)
                    .withName("qdrant-app1").get() != null);
            ConfigMap config = cluster.client().configMaps().inNamespace(namespace).withName("qdrant-app1").get();
            assertThat(config.getData()).containsKey("production.yaml");
            assertThat(status(http, "/health/liveness")).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    http.toBlocking().retrieve("/prometheus")).contains("controller_runtime_reconcile_total"));
        }
    }

    @Test
    void settingsReachTheObjectsTheOperatorCreates() {
        String namespace = cluster.createNamespace("app-settings");
        Map<String, Object> settings = new java.util.HashMap<>(settings(namespace, "lease-d"));
        settings.put("qdrant.operator.image-repository", "registry.mirror.example/qdrant/qdrant");
        settings.put("qdrant.operator.image-pull-policy", "Always");
        settings.put("qdrant.operator.database-storage-class", "fast-db");
        settings.put("qdrant.operator.snapshot-storage-class", "cheap-snapshots");
        settings.put("qdrant.operator.max-unavailable", 2);
        settings.put("qdrant.operator.manage-network-policy", false);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, settings)) {
            cluster.client().resource(cluster("configured")).inNamespace(namespace).create();

            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.client().apps().statefulSets()
                    .inNamespace(namespace).withName("qdrant-configured").get() != null);
            var statefulSet = cluster.client().apps().statefulSets().inNamespace(namespace).withName("qdrant-configured").get();
            var container = statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getImage()).isEqualTo("registry.mirror.example/qdrant/qdrant:v1.12.3");
            assertThat(container.getImagePullPolicy()).isEqualTo("Always");
            assertThat(statefulSet.getSpec().getVolumeClaimTemplates())
                    .extracting(claim -> claim.getSpec().getStorageClassName())
                    .containsExactlyInAnyOrder("fast-db", "cheap-snapshots");
            assertThat(cluster.client().policy().v1().podDisruptionBudget().inNamespace(namespace)
                    .withName("qdrant-configured").get().getSpec().getMaxUnavailable().getIntVal()).isEqualTo(2);
            assertThat(cluster.client().network().v1().networkPolicies().inNamespace(namespace).list().getItems())
                    .as("manage-network-policy=false").isEmpty();
        }
    }

    @Test
    void secondReplicaStandsByUntilTheLeaderGoes() {
        String namespace = cluster.createNamespace("election");
        EmbeddedServer leader = ApplicationContext.run(EmbeddedServer.class, settings(namespace, "lease-b"));
        try (EmbeddedServer standby = ApplicationContext.run(EmbeddedServer.class, settings(namespace, "lease-b"))) {
            OperatorRuntime first = leader.getApplicationContext().getBean(OperatorRuntime.class);
            OperatorRuntime second = standby.getApplicationContext().getBean(OperatorRuntime.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> first.operator().isLeader() || second.operator().isLeader());
            OperatorRuntime leading = first.operator().isLeader() ? first : second;
            OperatorRuntime waiting = leading == first ? second : first;
            assertThat(waiting.operator().isLeader()).isFalse();
            await().atMost(Duration.ofSeconds(30)).until(() -> waiting.operator().isReady());

            (leading == first ? leader : standby).stop();

            await().atMost(Duration.ofSeconds(60)).until(() -> waiting.operator().isLeader());
        } finally {
            leader.close();
        }
    }

    @Test
    void withTheContextsNamespaceLivenessGoesDownWhenTheInformersCannotStartSoThatTheKubeletRestarts() throws IOException {
        // The API server answers (so the app starts: an unreachable one ends it at once, see
        // OperatorStartupFailureTest) but the ServiceAccount holds no Role, so every informer's first LIST is refused.
        cluster.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata().withName("team-gone").endMetadata().build()).create();
        cluster.client().serviceAccounts().inNamespace("team-gone").resource(
                new io.fabric8.kubernetes.api.model.ServiceAccountBuilder().withNewMetadata().withName("no-rights")
                        .endMetadata().build()).create();
        Path noRights = Files.createTempFile("kubeconfig-no-rights", ".yaml");
        Files.writeString(noRights, cluster.api().kubeconfigFor("team-gone", "no-rights"));
        Map<String, Object> settings = new java.util.HashMap<>(settings("unused", "lease-c"));
        settings.put("qdrant.operator.kubeconfig", noRights.toString());
        settings.remove("qdrant.operator.namespace");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, settings);
             HttpClient http = HttpClient.create(server.getURL())) {
            assertThat(server.getApplicationContext().getBean(OperatorRuntime.class).operator().namespace())
                    .as("no namespace configured: the kubeconfig context's").isEqualTo("team-gone");
            // A refused first LIST stops fabric8's informers for good.
            await().atMost(Duration.ofSeconds(90)).until(() -> status(http, "/health/liveness") == 503);
            assertThat(status(http, "/health/readiness")).isEqualTo(503);
        } finally {
            Files.deleteIfExists(noRights);
        }
    }

    private static Map<String, Object> settings(String namespace, String lease) {
        return Map.of(
                "micronaut.server.port", -1,
                "qdrant.operator.kubeconfig", kubeconfig.toString(),
                "qdrant.operator.namespace", namespace,
                "qdrant.operator.lease-name", lease,
                "qdrant.operator.qdrant-timeout", "1s");
    }

    private static int status(HttpClient http, String path) {
        try {
            return http.toBlocking().exchange(path).code();
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }

    private static QdrantCluster cluster(String id) {
        QdrantCluster qc = new QdrantCluster();
        qc.setMetadata(new ObjectMetaBuilder().withName("qdrant-" + id).withLabels(Map.of("cluster-id", id)).build());
        QdrantClusterSpec spec = new QdrantClusterSpec();
        spec.setId(id);
        spec.setVersion("v1.12.3");
        spec.setSize(1);
        qc.setSpec(spec);
        return qc;
    }
}
