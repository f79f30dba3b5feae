package io.qdranthybrid.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdranthybrid.protocol.message.ComponentPhase;
import io.qdranthybrid.protocol.message.ComponentStatus;
import io.qdranthybrid.protocol.message.NodeCapacity;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ComponentStatusesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readyConditionDecidesThePhaseAndItsMessageIsReported() {
        List<ComponentStatus> statuses = ComponentStatuses.of("qdrant", List.of("qdrant-operator", "qdrant-cluster-manager"),
                List.of(release("qdrant-operator", "1.6.0", 2, 2, "True", "Helm upgrade succeeded"),
                        release("qdrant-prometheus", "2.0.0", 1, 1, "False", "Helm install failed: boom")));

        assertThat(statuses).extracting(ComponentStatus::name, ComponentStatus::phase, ComponentStatus::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("qdrant-cluster-manager", ComponentPhase.NOT_FOUND,
                                "HelmRelease qdrant/qdrant-cluster-manager not found"),
                        org.assertj.core.groups.Tuple.tuple("qdrant-operator", ComponentPhase.READY, "Helm upgrade succeeded"),
                        org.assertj.core.groups.Tuple.tuple("qdrant-prometheus", ComponentPhase.NOT_READY,
                                "Helm install failed: boom"));
        assertThat(statuses.get(1).version()).isEqualTo("1.6.0");
    }

    @Test
    void readyAboutAnOlderGenerationIsNotReady() {
        ComponentStatus status = ComponentStatuses.of("qdrant", List.of(),
                List.of(release("qdrant-operator", "1.7.0", 3, 2, "True", "Helm install succeeded"))).get(0);

        assertThat(status.phase()).isEqualTo(ComponentPhase.NOT_READY);
        assertThat(status.message()).contains("generation 3");
    }

    @Test
    void releaseWithoutConditionsIsNotReadyYet() {
        ObjectNode release = release("x", "1", 1, 1, "True", "");
        release.remove("status");
        assertThat(ComponentStatuses.of("qdrant", List.of(), List.of(release)).get(0).phase())
                .isEqualTo(ComponentPhase.NOT_READY);
    }

    @Test
    void theVersionReportedIsTheNewestDeployedOneFromTheHistoryNotTheOneAskedFor() {
        ObjectNode rolledBack = release("qdrant-operator", "1.7.0", 2, 2, "False", "Helm rollback succeeded");
        var history = ((ObjectNode) rolledBack.get("status")).putArray("history");
        history.addObject().put("chartVersion", "1.6.0").put("version", 3).put("status", "deployed");
        history.addObject().put("chartVersion", "1.7.0").put("version", 2).put("status", "failed");
        history.addObject().put("chartVersion", "1.6.0").put("version", 1).put("status", "superseded");

        assertThat(ComponentStatuses.of("qdrant", List.of(), List.of(rolledBack)).get(0).version()).isEqualTo("1.6.0");
    }

    @Test
    void withoutHistoryTheLastAppliedRevisionThenTheVersionAskedForIsReported() {
        ObjectNode olderFlux = release("qdrant-operator", "1.7.0", 2, 2, "False", "upgrade failed");
        ((ObjectNode) olderFlux.get("status")).put("lastAppliedRevision", "1.5.2");
        ObjectNode neverDeployed = release("qdrant-operator", "1.7.0", 1, 1, "False", "install failed");
        ((ObjectNode) neverDeployed.get("status")).putArray("history").addObject().put("chartVersion", "1.7.0")
                .put("status", "failed");

        assertThat(ComponentStatuses.of("qdrant", List.of(), List.of(olderFlux)).get(0).version()).isEqualTo("1.5.2");
        assertThat(ComponentStatuses.of("qdrant", List.of(), List.of(neverDeployed)).get(0).version()).isEqualTo("1.7.0");
    }

    @Test
    void nodeCapacitiesAreSummedIntoKubernetesQuantities() {
        NodeCapacity sum = NodeCapacities.sum(List.of(
                Map.of("cpu", new Quantity("4"), "memory", new Quantity("16Gi"), "ephemeral-storage", new Quantity("100Gi")),
                Map.of("cpu", new Quantity("500m"), "memory", new Quantity("512Mi"))));

        assertThat(sum).isEqualTo(new NodeCapacity("4.5", "16896Mi", "100Gi"));
    }

    @Test
    void distributionIsGuessedFromVersionAndProviderIds() {
        assertThat(KubernetesDistributions.guess("v1.31.2+k3s1", List.of(), false)).isEqualTo("K3S");
        assertThat(KubernetesDistributions.guess("v1.30.4-eks-a737599", List.of(), false)).isEqualTo("AWS");
        assertThat(KubernetesDistributions.guess("v1.30.4", List.of("azure:///subscriptions/x"), false)).isEqualTo("AZURE");
        assertThat(KubernetesDistributions.guess("v1.30.4", List.of(), true)).isEqualTo("OPENSHIFT");
        assertThat(KubernetesDistributions.guess("v1.30.4", List.of(), false)).isEmpty();
    }

    private static ObjectNode release(String name, String version, long generation, long observed, String ready,
                                      String message) {
        ObjectNode release = JSON.createObjectNode();
        release.putObject("metadata").put("name", name).put("generation", generation);
        release.putObject("spec").putObject("chart").putObject("spec").put("chart", name).put("version", version);
        release.putObject("status").putArray("conditions").addObject().put("type", "Ready").put("status", ready)
                .put("message", message).put("observedGeneration", observed);
        return release;
    }

}
