package io.qdranthybrid.agent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.kube.ApiCall;
import io.qdranthybrid.harness.kube.Verb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.qdranthybrid.agent.Manifests.JSON;
import static io.qdranthybrid.agent.Manifests.qdrantCluster;
import static org.assertj.core.api.Assertions.assertThat;

/** The agent reads its objects from its cache, except where the cache may not show its own last write yet. */
class ManagedObjectsOnSimulatedClusterTest {

    private static final String CLIENT = "managed-objects-test";
    private static SimulatedCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = SimulatedCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void aCachedCopyOlderThanTheAgentsOwnWriteIsReadAgainFromTheApiServerThenTrustedOnceCurrent() {
        String namespace = cluster.createNamespace("own-writes");
        try (KubernetesClient client = cluster.newClient(namespace, CLIENT)) {
            var clusters = client.genericKubernetesResources(ManagedKind.QDRANT_CLUSTER.context()).inNamespace(namespace);
            GenericKubernetesResource sizeOne = clusters.resource(
                    JSON.convertValue(qdrantCluster("qdrant-a", 1), GenericKubernetesResource.class)).create();
            AtomicReference<GenericKubernetesResource> cached = new AtomicReference<>(sizeOne);
            ManagedObjects objects = new ManagedObjects(client, namespace, (kind, name) -> cached.get(), new OwnWrites());

            objects.wrote(ManagedKind.QDRANT_CLUSTER, resize(clusters, "qdrant-a", 3));

            // Deciding from the cache would find "size 1" already satisfied and lose a change back to size 1.
            long before = reads(namespace);
            assertThat(size(objects.current(ManagedKind.QDRANT_CLUSTER, "qdrant-a").orElseThrow())).isEqualTo(3);
            assertThat(reads(namespace)).isEqualTo(before + 1);

            cached.set(clusters.withName("qdrant-a").get());
            long caughtUp = reads(namespace);
            assertThat(size(objects.current(ManagedKind.QDRANT_CLUSTER, "qdrant-a").orElseThrow())).isEqualTo(3);
            assertThat(objects.current(ManagedKind.QDRANT_CLUSTER, "qdrant-a")).isPresent();
            assertThat(reads(namespace)).as("served by the cache once it shows the write").isEqualTo(caughtUp);
        }
    }

    @Test
    void anObjectTheCacheLacksIsReadFromTheApiServer() {
        String namespace = cluster.createNamespace("cache-miss");
        try (KubernetesClient client = cluster.newClient(namespace, CLIENT)) {
            var clusters = client.genericKubernetesResources(ManagedKind.QDRANT_CLUSTER.context()).inNamespace(namespace);
            clusters.resource(JSON.convertValue(qdrantCluster("qdrant-hand-made", 2), GenericKubernetesResource.class))
                    .create();
            ManagedObjects objects = new ManagedObjects(client, namespace, (kind, name) -> null, new OwnWrites());

            // The cache holds only labelled objects: one made by hand must still be found, so it is not overwritten.
            assertThat(objects.current(ManagedKind.QDRANT_CLUSTER, "qdrant-hand-made")).isPresent();
            assertThat(objects.current(ManagedKind.QDRANT_CLUSTER, "qdrant-absent")).isEmpty();
        }
    }

    private static GenericKubernetesResource resize(NonNamespaceOperation<GenericKubernetesResource,
            GenericKubernetesResourceList, Resource<GenericKubernetesResource>> clusters, String name, int size) {
        GenericKubernetesResource live = clusters.withName(name).get();
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) live.getAdditionalProperties().get("spec");
        spec.put("size", size);
        return clusters.resource(live).update();
    }

    private static int size(GenericKubernetesResource object) {
        return ((Number) object.get("spec", "size")).intValue();
    }

    /** GETs of QdrantClusters by name this test's client made in the namespace. */
    private static long reads(String namespace) {
        return cluster.api().journal().calls().stream().filter(call -> call.verb() == Verb.GET && call.from(CLIENT)
                && namespace.equals(call.namespace()) && "qdrantclusters".equals(call.resource()))
                .map(ApiCall::name).filter(java.util.Objects::nonNull).count();
    }
}
