package io.qdranthybrid.samples.manifests;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterScheduledSnapshot;
import io.qdranthybrid.crd.QdrantClusterSnapshot;
import io.qdranthybrid.crd.ScheduledSnapshotPhase;
import io.qdranthybrid.crd.SnapshotPhase;
import io.qdranthybrid.crd.validation.QdrantClusterValidator;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.kube.controllers.kubelet.KubeletSettings;
import io.qdranthybrid.harness.kube.controllers.storage.SimulatedStorageClasses;
import io.qdranthybrid.samples.InProcessOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The example manifests in samples/manifests do what their comments promise, on the simulated cluster. */
class ExampleManifestsTest {

    private static final Path MANIFESTS = Path.of("manifests");
    private static final Duration CONVERGE = Duration.ofSeconds(90);

    private static SimulatedCluster cluster;
    private String namespace;
    private InProcessOperator operator;

    @BeforeAll
    static void startCluster() {
        cluster = SimulatedCluster.start(SimulatedCluster.Settings.defaults()
                .withKubelet(KubeletSettings.defaults().withProbeTimeScale(0.1)));
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @BeforeEach
    void startOperator() {
        namespace = cluster.createNamespace("examples");
        operator = InProcessOperator.start(cluster, namespace);
    }

    /** Each example asks for real capacity (the GPU one for two whole nodes): free it for the next one. */
    @AfterEach
    void deleteClustersAndStopOperator() {
        cluster.client().resources(QdrantCluster.class).inNamespace(namespace).delete();
        await().atMost(CONVERGE).untilAsserted(() ->
                assertThat(cluster.client().pods().inNamespace(namespace).list().getItems()).isEmpty());
        operator.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal.yaml", "production.yaml", "gpu.yaml", "backups.yaml", "backup-now.yaml"})
    void passesTheSchemaAndTheOperatorsValidation(String file) {
        List<HasMetadata> objects = load(file);

        assertThat(objects).isNotEmpty();
        objects.stream().filter(QdrantCluster.class::isInstance).map(QdrantCluster.class::cast)
                .forEach(qc -> assertThat(new QdrantClusterValidator().validate(qc.getSpec()))
                        .as("violations in %s", file).isEmpty());
        objects.forEach(object -> cluster.client().resource(object).inNamespace(namespace).create());
    }

    @Test
    void minimalClusterBecomesHealthy() {
        apply("minimal.yaml");

        awaitHealthy("qdrant-minimal");
    }

    @Test
    void productionClusterIsWiredForItsApiKeyTlsAndSpread() {
        cluster.client().secrets().inNamespace(namespace).resource(new SecretBuilder()
                .withNewMetadata().withName("qdrant-prod-apikey").endMetadata()
                .withStringData(Map.of("api-key", "write-key-example", "read-only-api-key", "read-key-example"))
                .build()).create();
        cluster.client().secrets().inNamespace(namespace).resource(new SecretBuilder()
                .withNewMetadata().withName("qdrant-prod-tls").endMetadata().withType("kubernetes.io/tls")
                .withStringData(Map.of("tls.crt", "certificate", "tls.key", "key")).build()).create();

        apply("production.yaml");

        // The simulated nodes serve plain HTTP, so a TLS cluster is checked by what the operator renders for it.
        await().atMost(CONVERGE).untilAsserted(() -> {
            StatefulSet sts = cluster.client().apps().statefulSets().inNamespace(namespace).withName("qdrant-prod").get();
            assertThat(sts).isNotNull();
            assertThat(sts.getSpec().getReplicas()).isEqualTo(3);
            assertThat(sts.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).hasSize(1);
        });
        Container qdrant = qdrantContainer("qdrant-prod");
        assertThat(qdrant.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("QDRANT__SERVICE__API_KEY");
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("qdrant-prod-apikey");
        });
        assertThat(qdrant.getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTPS");
        assertThat(cluster.client().configMaps().inNamespace(namespace).withName("qdrant-prod").get().getData()
                .get("production.yaml")).contains("enable_tls: true");
        assertThat(cluster.client().policy().v1().podDisruptionBudget().inNamespace(namespace).withName("qdrant-prod")
                .get().getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    }

    @Test
    void gpuClusterRunsTheGpuImageAndAsksForOneGpuPerNode() {
        apply("gpu.yaml");

        await().atMost(CONVERGE).untilAsserted(() -> {
            Container qdrant = qdrantContainer("qdrant-gpu");
            assertThat(qdrant.getImage()).endsWith("v1.13.6-gpu-nvidia");
            assertThat(qdrant.getResources().getLimits()).containsKey("nvidia.com/gpu");
        });
    }

    @Test
    void backupsAreTakenNowAndScheduledNightly() {
        // The example relies on the cluster's default class taking snapshots, as a cloud CSI class does.
        makeDefaultStorageClass(SimulatedStorageClasses.SIM_CSI);
        try {
            apply("backups.yaml");

            awaitHealthy("qdrant-orders");
            apply("backup-now.yaml");
            await().atMost(CONVERGE).untilAsserted(() -> {
                QdrantClusterSnapshot now = cluster.client().resources(QdrantClusterSnapshot.class)
                        .inNamespace(namespace).withName("qdrant-orders-before-migration").get();
                assertThat(now.getStatus()).isNotNull();
                assertThat(now.getStatus().getPhase()).isEqualTo(SnapshotPhase.SUCCEEDED);
                QdrantClusterScheduledSnapshot nightly = cluster.client()
                        .resources(QdrantClusterScheduledSnapshot.class).inNamespace(namespace)
                        .withName("qdrant-orders-nightly").get();
                assertThat(nightly.getStatus()).isNotNull();
                assertThat(nightly.getStatus().getPhase()).isEqualTo(ScheduledSnapshotPhase.ACTIVE);
                assertThat(nightly.getStatus().getScheduled()).endsWith("T03:00:00Z");
            });
        } finally {
            makeDefaultStorageClass(SimulatedStorageClasses.LOCAL_PATH);
        }
    }

    private void apply(String file) {
        load(file).forEach(object -> cluster.client().resource(object).inNamespace(namespace).create());
    }

    private static List<HasMetadata> load(String file) {
        try (InputStream in = Files.newInputStream(MANIFESTS.resolve(file))) {
            return cluster.client().load(in).items();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private void awaitHealthy(String name) {
        await().atMost(CONVERGE).untilAsserted(() -> {
            QdrantCluster qc = cluster.client().resources(QdrantCluster.class).inNamespace(namespace).withName(name).get();
            assertThat(qc.getStatus()).isNotNull();
            assertThat(qc.getStatus().getPhase()).as("phase of %s (%s)", name, qc.getStatus().getReason())
                    .isEqualTo(ClusterPhase.HEALTHY);
        });
    }

    private Container qdrantContainer(String statefulSet) {
        StatefulSet sts = cluster.client().apps().statefulSets().inNamespace(namespace).withName(statefulSet).get();
        assertThat(sts).as("StatefulSet %s", statefulSet).isNotNull();
        return sts.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("qdrant")).findFirst().orElseThrow();
    }

    private static void makeDefaultStorageClass(String name) {
        for (StorageClass storageClass : cluster.client().storage().v1().storageClasses().list().getItems()) {
            boolean isDefault = storageClass.getMetadata().getName().equals(name);
            cluster.client().storage().v1().storageClasses().withName(storageClass.getMetadata().getName())
                    .edit(sc -> {
                        if (sc.getMetadata().getAnnotations() == null) {
                            sc.getMetadata().setAnnotations(new java.util.HashMap<>());
                        }
                        sc.getMetadata().getAnnotations().put(SimulatedStorageClasses.DEFAULT_CLASS_ANNOTATION,
                                Boolean.toString(isDefault));
                        return sc;
                    });
        }
    }
}
