package io.qdranthybrid.harness.kube.controllers.machinery;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdranthybrid.harness.kube.SimulatedApiServer;
import io.qdranthybrid.harness.kube.Verb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByNameTest {

    private SimulatedApiServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = SimulatedApiServer.start();
        client = server.newClient("test");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private Pod createPod() {
        Pod pod = client.resource(new PodBuilder().withNewMetadata().withName("p").withNamespace("test").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("qdrant").endContainer().endSpec().build())
                .create();
        server.journal().reset();
        return pod;
    }

    @Test
    void aPatchIsOneRequestWithoutAReadFirst() {
        createPod();

        ByName.mergePatch(client, Pod.class, "test", "p", "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");
        ByName.mergePatchStatus(client, Pod.class, "test", "p", "{\"status\":{\"phase\":\"Running\"}}");

        Pod patched = client.pods().withName("p").get();
        assertThat(patched.getMetadata().getLabels()).containsEntry("a", "b");
        assertThat(patched.getStatus().getPhase()).isEqualTo("Running");
        assertThat(server.journal().count(Verb.PATCH, "pods")).isEqualTo(2);
        assertThat(server.journal().count(Verb.GET, "pods")).as("only the test's own read").isEqualTo(1);
    }

    @Test
    void aMissingObjectIsA404AndACoreOrGroupedOrClusterScopedKindFindsItsUrl() {
        assertThatThrownBy(() -> ByName.mergePatch(client, Pod.class, "test", "absent", "{}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
        assertThatThrownBy(() -> ByName.mergePatchStatus(client, io.fabric8.kubernetes.api.model.apps.StatefulSet.class,
                "test", "absent", "{}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
        assertThatThrownBy(() -> ByName.mergePatch(client, io.fabric8.kubernetes.api.model.PersistentVolume.class, null,
                "absent", "{}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
        assertThat(server.journal().count(Verb.PATCH, "statefulsets.apps")).isEqualTo(1);
        assertThat(server.journal().count(Verb.PATCH, "persistentvolumes")).isEqualTo(1);
    }

    @Test
    void aUidPreconditionRefusesAStatusMeantForAnEarlierPodOfTheSameName() {
        Pod earlier = createPod();
        client.resource(earlier).withGracePeriod(0).delete();
        client.pods().withName("p").waitUntilCondition(p -> p == null, 5, java.util.concurrent.TimeUnit.SECONDS);
        createPod();

        assertThatThrownBy(() -> ByName.mergePatchStatus(client, Pod.class, "test", "p",
                "{\"metadata\":{\"uid\":\"" + earlier.getMetadata().getUid() + "\"},\"status\":{\"phase\":\"Running\"}}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(client.pods().withName("p").get().getStatus()).isNull();
    }
}
