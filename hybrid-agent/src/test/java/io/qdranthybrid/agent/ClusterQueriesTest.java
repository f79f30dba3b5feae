package io.qdranthybrid.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.harness.cluster.QdrantCrds;
import io.qdranthybrid.harness.kube.PodLogSource;
import io.qdranthybrid.harness.kube.SimulatedApiServer;
import io.qdranthybrid.harness.runtime.ContainerLog;
import io.qdranthybrid.protocol.client.QueryRefusedException;
import io.qdranthybrid.protocol.message.Query;
import io.qdranthybrid.protocol.message.QueryError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The agent's reads on request against the simulated API server: they read only the pods that are a managed
 * cluster's nodes (labelled with its id, {@code app=qdrant}, run by a StatefulSet), never another pod of the namespace.
 */
class ClusterQueriesTest {

    private static final String NS = "qdrant";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SimulatedApiServer api;
    private KubernetesClient client;

    @BeforeEach
    void clusterWithNodesAndAStranger() {
        api = SimulatedApiServer.start();
        client = api.newClient();
        QdrantCrds.install(client, Duration.ofSeconds(30));
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        for (String id : new String[] {"a", "b"}) {
            GenericKubernetesResource cluster = new GenericKubernetesResourceBuilder().withApiVersion("qdrant.io/v1")
                    .withKind("QdrantCluster").withNewMetadata().withName("qdrant-" + id).withNamespace(NS)
                    .withLabels(Map.of("cluster-id", id, "customer-id", "c")).endMetadata()
                    .withAdditionalProperties(Map.of("spec", Map.of("id", id, "version", "v1.12.3", "size", 1)))
                    .build();
            client.genericKubernetesResources(ManagedKind.QDRANT_CLUSTER.context()).inNamespace(NS).resource(cluster)
                    .create();
            pod("qdrant-" + id + "-0", id, true);
        }
        pod("debug-shell", "a", false); // the cluster's labels, but not one of its nodes
        api.serveLogsFrom((namespace, pod, container) -> {
            ContainerLog log = new ContainerLog();
            log.write("log of " + pod + "\nline 2\nline 3");
            return Optional.of(new PodLogSource.Logs(log, null));
        });
    }

    private void pod(String name, String clusterId, boolean ofStatefulSet) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .withLabels(Map.of("cluster-id", clusterId, "app", "qdrant")).endMetadata()
                .withNewSpec().addNewContainer().withName("qdrant").withImage("qdrant/qdrant:v1.12.3").endContainer()
                .endSpec();
        if (ofStatefulSet) {
            pod.editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind("StatefulSet")
                    .withName("qdrant-" + clusterId).withUid("uid-" + clusterId).withController(true).endOwnerReference()
                    .endMetadata();
        }
        client.pods().inNamespace(NS).resource(pod.build()).create();
    }

    @AfterEach
    void stop() {
        client.close();
        api.close();
    }

    private String logs(String args) throws Exception {
        return new ClusterLogsQuery(client, NS).answer(new Query("q", ClusterLogsQuery.NAME, JSON.readTree(args)));
    }

    @Test
    void aNodesLogIsReadWithItsTail() throws Exception {
        assertThat(logs("{\"clusterId\":\"a\",\"node\":\"qdrant-a-0\",\"tailLines\":2}")).isEqualTo("line 2\nline 3\n");
        assertThat(logs("{\"clusterId\":\"a\"}")).isEqualTo("==> qdrant-a-0 <==\nlog of qdrant-a-0\nline 2\nline 3\n");
    }

    @Test
    void aPodThatIsNotANodeOfTheClusterIsNeverRead() {
        for (String node : new String[] {"debug-shell", "qdrant-b-0", "kube-apiserver"}) {
            assertThatThrownBy(() -> logs("{\"clusterId\":\"a\",\"node\":\"" + node + "\"}"))
                    .isInstanceOfSatisfying(QueryRefusedException.class, e -> {
                        assertThat(e.code()).isEqualTo(QueryError.Code.NOT_FOUND);
                        assertThat(e.getMessage()).isEqualTo("node " + node + " is not a node of cluster a; its nodes "
                                + "are [qdrant-a-0]");
                    });
        }
    }

    @Test
    void argumentsOutOfRangeAndUnknownClustersAreRefusedSayingWhy() {
        assertThatThrownBy(() -> logs("{\"clusterId\":\"a\",\"tailLines\":5001}"))
                .isInstanceOfSatisfying(QueryRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(QueryError.Code.INVALID);
                    assertThat(e.getMessage()).contains("tailLines must be from 1 to 5000");
                });
        assertThatThrownBy(() -> logs("{\"clusterId\":\"a\",\"sinceSeconds\":5,\"sinceTime\":\"2026-01-01T00:00:00Z\"}"))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> logs("{}")).hasMessageContaining("clusterId is required");
        assertThatThrownBy(() -> logs("{\"clusterId\":\"zzz\"}"))
                .isInstanceOfSatisfying(QueryRefusedException.class, e ->
                        assertThat(e.code()).isEqualTo(QueryError.Code.NOT_FOUND));
    }

    @Test
    void eventsAreThoseOfTheClustersObjectsNewestLast() throws Exception {
        event("e1", "Pod", "qdrant-a-0", "Started", "2026-01-01T10:00:02Z");
        event("e2", "QdrantCluster", "qdrant-a", "Healthy", "2026-01-01T10:00:03Z");
        event("e3", "StatefulSet", "qdrant-a", "SuccessfulCreate", "2026-01-01T10:00:01Z");
        event("e4", "Pod", "qdrant-b-0", "Started", "2026-01-01T10:00:04Z");
        event("e5", "Pod", "debug-shell", "Started", "2026-01-01T10:00:05Z");

        JsonNode events = JSON.readTree(new ClusterEventsQuery(client, NS).answer(new Query("q", ClusterEventsQuery.NAME,
                JSON.readTree("{\"clusterId\":\"a\"}"))));

        assertThat(events).extracting(e -> e.path("reason").asText())
                .containsExactly("SuccessfulCreate", "Started", "Healthy");
        assertThat(events.get(2).path("lastSeen").asText()).isEqualTo("2026-01-01T10:00:03Z");
    }

    private void event(String name, String kind, String object, String reason, String at) {
        client.v1().events().inNamespace(NS).resource(new EventBuilder().withNewMetadata().withName(name)
                .withNamespace(NS).endMetadata().withNewInvolvedObject().withKind(kind).withName(object)
                .withNamespace(NS).endInvolvedObject().withReason(reason).withType("Normal").withMessage(reason)
                .withCount(1).withLastTimestamp(at).build()).create();
    }
}
