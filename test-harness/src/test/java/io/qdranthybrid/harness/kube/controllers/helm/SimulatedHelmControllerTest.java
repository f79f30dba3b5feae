package io.qdranthybrid.harness.kube.controllers.helm;

import io.qdranthybrid.harness.cluster.ClusterCrds;
import io.qdranthybrid.harness.cluster.QdrantCrds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.harness.kube.SimulatedApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The helm-controller stand-in writes the statuses Flux writes, for installs, upgrades, failures and rollbacks. */
class SimulatedHelmControllerTest {

    private static SimulatedApiServer api;
    private static KubernetesClient client;
    private static SimulatedHelmController helm;

    @BeforeAll
    static void start() {
        api = SimulatedApiServer.start();
        client = api.newClient();
        QdrantCrds.install(client, ClusterCrds.helm(), Duration.ofSeconds(10));
        helm = new SimulatedHelmController(api.newClient());
        helm.start();
    }

    @AfterAll
    static void stop() {
        helm.close();
        client.close();
        api.close();
    }

    @Test
    void releaseWaitsForItsRepositoryThenInstallsAndUpgrades() {
        String ns = namespace("install");
        create(ns, SimulatedHelmController.HELM_RELEASES, release(ns, "qdrant-operator", "1.6.0"));
        awaitReady(ns, "qdrant-operator", "False", "ArtifactFailed");

        create(ns, SimulatedHelmController.HELM_REPOSITORIES, repository(ns));

        assertThat(awaitReady(ns, "qdrant-operator", "True", "InstallSucceeded").get("message"))
                .isEqualTo("Helm install succeeded for release " + ns + "/qdrant-operator.v1 with chart qdrant-operator@1.6.0");
        assertThat(readyOf(get(ns, SimulatedHelmController.HELM_REPOSITORIES, "qdrant-cloud")).get("reason"))
                .isEqualTo("Succeeded");

        setVersion(ns, "qdrant-operator", "1.7.0");
        assertThat(awaitReady(ns, "qdrant-operator", "True", "UpgradeSucceeded").get("message"))
                .isEqualTo("Helm upgrade succeeded for release " + ns + "/qdrant-operator.v2 with chart qdrant-operator@1.7.0");
    }

    @Test
    void armedRollbackHappensOnTheNextUpgradeOnly() {
        String ns = namespace("rollback");
        create(ns, SimulatedHelmController.HELM_REPOSITORIES, repository(ns));
        create(ns, SimulatedHelmController.HELM_RELEASES, release(ns, "qdrant-operator", "1.6.0"));
        awaitReady(ns, "qdrant-operator", "True", "InstallSucceeded");

        helm.rollBackRelease(ns, "qdrant-operator", "timed out waiting for the condition");
        // Nothing to upgrade yet: the release stays as it is.
        assertThat(readyOf(get(ns, SimulatedHelmController.HELM_RELEASES, "qdrant-operator")).get("reason"))
                .isEqualTo("InstallSucceeded");
        setVersion(ns, "qdrant-operator", "1.7.0");

        Map<String, Object> ready = awaitReady(ns, "qdrant-operator", "False", "RollbackSucceeded");
        assertThat(ready.get("message")).isEqualTo("Helm rollback to previous release " + ns
                + "/qdrant-operator.v1 with chart qdrant-operator@1.6.0 succeeded");
    }

    @Test
    void failedInstallStaysFailedUntilHealed() {
        String ns = namespace("fail");
        create(ns, SimulatedHelmController.HELM_REPOSITORIES, repository(ns));
        helm.failRelease(ns, "qdrant-prometheus", "chart requires kubeVersion: >=1.30");
        create(ns, SimulatedHelmController.HELM_RELEASES, release(ns, "qdrant-prometheus", "2.0.0"));

        assertThat(awaitReady(ns, "qdrant-prometheus", "False", "InstallFailed").get("message")).isEqualTo(
                "Helm install failed for release " + ns + "/qdrant-prometheus with chart qdrant-prometheus@2.0.0: "
                        + "chart requires kubeVersion: >=1.30");

        helm.heal(ns, "qdrant-prometheus");
        awaitReady(ns, "qdrant-prometheus", "True", "InstallSucceeded");
    }

    private static String namespace(String prefix) {
        String name = prefix + "-" + System.nanoTime() % 100000;
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }

    private static GenericKubernetesResource release(String ns, String name, String version) {
        return new GenericKubernetesResourceBuilder().withApiVersion("cd.qdrant.io/v2").withKind("HelmRelease")
                .withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .addToAdditionalProperties("spec", Map.of("interval", "5m", "chart", Map.of("spec", Map.of(
                        "chart", name, "version", version,
                        "sourceRef", Map.of("kind", "HelmRepository", "name", "qdrant-cloud")))))
                .build();
    }

    private static GenericKubernetesResource repository(String ns) {
        return new GenericKubernetesResourceBuilder().withApiVersion("cd.qdrant.io/v1").withKind("HelmRepository")
                .withNewMetadata().withName("qdrant-cloud").withNamespace(ns).endMetadata()
                .addToAdditionalProperties("spec", Map.of("url", "oci://registry.cloud.qdrant.io/qdrant-charts",
                        "interval", "10m"))
                .build();
    }

    private static void create(String ns, io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext context,
                               GenericKubernetesResource object) {
        client.genericKubernetesResources(context).inNamespace(ns).resource(object).create();
    }

    private static GenericKubernetesResource get(String ns, io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext context,
                                                 String name) {
        return client.genericKubernetesResources(context).inNamespace(ns).withName(name).get();
    }

    @SuppressWarnings("unchecked")
    private static void setVersion(String ns, String name, String version) {
        client.genericKubernetesResources(SimulatedHelmController.HELM_RELEASES).inNamespace(ns).withName(name)
                .edit(release -> {
                    Map<String, Object> spec = (Map<String, Object>) release.getAdditionalProperties().get("spec");
                    Map<String, Object> chart = (Map<String, Object>) ((Map<String, Object>) spec.get("chart")).get("spec");
                    chart.put("version", version);
                    return release;
                });
    }

    private static Map<String, Object> awaitReady(String ns, String name, String status, String reason) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> readyOf(get(ns, SimulatedHelmController.HELM_RELEASES, name)),
                ready -> status.equals(ready.get("status")) && reason.equals(ready.get("reason")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readyOf(GenericKubernetesResource object) {
        Object status = object.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> map)) {
            return Map.of();
        }
        List<Map<String, Object>> conditions = (List<Map<String, Object>>) map.get("conditions");
        return conditions == null ? Map.of() : conditions.stream().filter(c -> "Ready".equals(c.get("type")))
                .findFirst().orElse(Map.of());
    }
}
