package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static io.qdranthybrid.reconcile.MockKube.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourceApplierTest {

    private final MockKube kube = MockKube.shared();
    private final WriteCounter writes = new WriteCounter();
    private final KubernetesClient countingClient = kube.countingClient(writes);
    private final ResourceApplier applier = new ResourceApplier(countingClient);

    @BeforeEach
    void resetCounter() {
        writes.reset();
    }

    private static ConfigMap configMap(String name, Map<String, String> data) {
        return new ConfigMapBuilder()
                .withNewMetadata().withNamespace(NAMESPACE).withName(name).addToLabels("app", "qdrant").endMetadata()
                .withData(data)
                .build();
    }

    private ConfigMap stored(String name) {
        return kube.client().configMaps().inNamespace(NAMESPACE).withName(name).get();
    }

    @Test
    void absentObjectIsCreated() {
        assertThat(applier.apply(configMap("created", Map.of("size", "1")))).isEqualTo(ApplyOutcome.CREATED);

        assertThat(stored("created").getData()).containsEntry("size", "1");
        assertThat(writes.writes()).containsExactly("POST /api/v1/namespaces/" + NAMESPACE + "/configmaps");
    }

    @Test
    void applyingTheSameDesiredObjectAgainWritesNothing() {
        applier.apply(configMap("same", Map.of("size", "1")));
        writes.reset();

        assertThat(applier.apply(configMap("same", Map.of("size", "1")))).isEqualTo(ApplyOutcome.UNCHANGED);
        assertThat(applier.apply(configMap("same", Map.of("size", "1")), stored("same"))).isEqualTo(ApplyOutcome.UNCHANGED);
        assertThat(writes.writes()).isEmpty();
    }

    @Test
    void fieldsDefaultedOrAddedByOthersDoNotCauseAWrite() {
        Service desired = new ServiceBuilder()
                .withNewMetadata().withNamespace(NAMESPACE).withName("svc").addToLabels("app", "qdrant").endMetadata()
                .withNewSpec().addNewPort().withName("http").withPort(6333).endPort().endSpec()
                .build();
        applier.apply(desired);
        // What an API server and other controllers would add: defaults, a cluster IP, a foreign label, status.
        Service defaulted = kube.client().services().inNamespace(NAMESPACE).withName("svc").edit(service -> new ServiceBuilder(service)
                .editMetadata().addToLabels("team", "platform").endMetadata()
                .editSpec().withType("ClusterIP").withClusterIP("10.0.0.7").editFirstPort().withProtocol("TCP").endPort().endSpec()
                .withNewStatus().withNewLoadBalancer().endLoadBalancer().endStatus()
                .build());
        writes.reset();

        assertThat(applier.apply(desired, defaulted)).isEqualTo(ApplyOutcome.UNCHANGED);
        assertThat(writes.writes()).isEmpty();
    }

    @Test
    void changedDesiredFieldUpdatesAndKeepsWhatOthersAdded() {
        applier.apply(configMap("changed", Map.of("size", "1")));
        kube.client().configMaps().inNamespace(NAMESPACE).withName("changed").edit(cm -> new ConfigMapBuilder(cm)
                .editMetadata().addToLabels("team", "platform").addToFinalizers("example.com/keep").endMetadata().build());
        writes.reset();

        assertThat(applier.apply(configMap("changed", Map.of("size", "3")))).isEqualTo(ApplyOutcome.UPDATED);

        ConfigMap updated = stored("changed");
        assertThat(updated.getData()).containsEntry("size", "3");
        assertThat(updated.getMetadata().getLabels()).containsEntry("team", "platform").containsEntry("app", "qdrant");
        assertThat(updated.getMetadata().getFinalizers()).containsExactly("example.com/keep");
        assertThat(writes.writes()).containsExactly("PUT /api/v1/namespaces/" + NAMESPACE + "/configmaps/changed");
    }

    @Test
    void updateAgainstAStaleCopyFailsWithConflictInsteadOfOverwriting() {
        applier.apply(configMap("stale", Map.of("size", "1")));
        ConfigMap staleCopy = stored("stale");
        kube.client().configMaps().inNamespace(NAMESPACE).withName("stale")
                .edit(cm -> new ConfigMapBuilder(cm).addToData("size", "2").build());

        assertThatThrownBy(() -> applier.apply(configMap("stale", Map.of("size", "3")), staleCopy))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(stored("stale").getData()).containsEntry("size", "2");
    }

    @Test
    void deleteReportsWhetherTheObjectExisted() {
        applier.apply(configMap("doomed", Map.of("size", "1")));

        assertThat(applier.delete(configMap("doomed", Map.of()))).isTrue();
        assertThat(stored("doomed")).isNull();
        assertThat(applier.delete(configMap("doomed", Map.of()))).isFalse();
    }

    @Test
    void desiredObjectWithoutANameIsRejected() {
        ConfigMap nameless = new ConfigMapBuilder().withNewMetadata().withNamespace(NAMESPACE).endMetadata().build();

        assertThatThrownBy(() -> applier.apply(nameless)).hasMessageContaining("metadata.name");
    }
}
