package io.qdranthybrid.crd;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Another operator version writes a phase or spec value this one does not know. A typed list, and an informer's
 * list and watch, must still decode every object, or one such object would blind the whole controller.
 */
@EnableKubernetesMockClient(crud = true)
class UnknownEnumValuesThroughTheApiTest {

    private static final String MINIMAL = "qdrant-a7d8d973-0b8f-4e3e-a2a2-25c6a4dc2b2c";
    private static final ResourceDefinitionContext CLUSTERS = new ResourceDefinitionContext.Builder()
            .withGroup(QdrantApi.GROUP).withVersion(QdrantApi.VERSION).withKind("QdrantCluster")
            .withPlural("qdrantclusters").withNamespaced(true).build();

    KubernetesClient client;

    @Test
    void aTypedListDecodesAnObjectWithUnknownEnumValuesNextToAKnownOne() throws IOException {
        String namespace = "listing";
        writeAsAnotherOperator(namespace, "cluster-unknown-enum-values.yaml");
        writeAsAnotherOperator(namespace, "cluster-minimal.yaml");

        List<QdrantCluster> items = client.resources(QdrantCluster.class).inNamespace(namespace).list().getItems();

        assertThat(items).extracting(c -> c.getMetadata().getName()).containsExactlyInAnyOrder("qdrant-newer", MINIMAL);
        QdrantCluster newer = items.stream().filter(c -> c.getMetadata().getName().equals("qdrant-newer"))
                .findFirst().orElseThrow();
        assertThat(newer.getStatus().getPhase()).isNull();
        assertThat(newer.getStatus().rawPhase()).isEqualTo("Restarting");
        assertThat(newer.getSpec().rawRebalanceStrategy()).isEqualTo("by_magic");
    }

    @Test
    void anInformerKeepsWatchingWhenAnObjectTakesAnUnknownPhase() throws IOException {
        String namespace = "watching";
        writeAsAnotherOperator(namespace, "cluster-minimal.yaml");

        try (SharedIndexInformer<QdrantCluster> informer =
                     client.resources(QdrantCluster.class).inNamespace(namespace).inform()) {
            setPhaseAsAnotherOperator(namespace, "Restarting");
            await().atMost(Duration.ofSeconds(10)).until(() -> "Restarting".equals(cachedPhase(informer, namespace)));

            // A later known value still arrives: the watch survived the unknown one.
            setPhaseAsAnotherOperator(namespace, "Healthy");
            await().atMost(Duration.ofSeconds(10)).until(() -> "Healthy".equals(cachedPhase(informer, namespace)));
            assertThat(cached(informer, namespace).getStatus().getPhase()).isEqualTo(ClusterPhase.HEALTHY);
            assertThat(informer.isWatching()).isTrue();
        }
    }

    /** Written untyped, as a client that knows other values would write it. */
    private void writeAsAnotherOperator(String namespace, String manifest) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/manifests/" + manifest)) {
            GenericKubernetesResource resource = Serialization.unmarshal(in, GenericKubernetesResource.class);
            resource.getMetadata().setNamespace(namespace);
            client.genericKubernetesResources(CLUSTERS).inNamespace(namespace).resource(resource).create();
        }
    }

    private void setPhaseAsAnotherOperator(String namespace, String phase) {
        client.genericKubernetesResources(CLUSTERS).inNamespace(namespace).withName(MINIMAL).edit(resource -> {
            resource.setAdditionalProperty("status", Map.of("phase", phase));
            return resource;
        });
    }

    private static String cachedPhase(SharedIndexInformer<QdrantCluster> informer, String namespace) {
        QdrantCluster cached = cached(informer, namespace);
        return cached == null || cached.getStatus() == null ? null : cached.getStatus().rawPhase();
    }

    private static QdrantCluster cached(SharedIndexInformer<QdrantCluster> informer, String namespace) {
        return informer.getStore().getByKey(namespace + "/" + MINIMAL);
    }
}
