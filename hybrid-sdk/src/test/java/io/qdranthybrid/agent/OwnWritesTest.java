package io.qdranthybrid.agent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OwnWritesTest {

    private final OwnWrites writes = new OwnWrites();

    @Test
    void aCacheShowingAnOlderVersionThanTheAgentWroteIsBehindUntilItShowsTheWrite() {
        writes.expect(ManagedKind.QDRANT_CLUSTER, cluster("qdrant-a", "12"));

        assertThat(writes.cacheIsBehind(ManagedKind.QDRANT_CLUSTER, cluster("qdrant-a", "11"))).isTrue();
        assertThat(writes.cacheIsBehind(ManagedKind.QDRANT_CLUSTER, cluster("qdrant-a", "12"))).isFalse();
        // Once seen, the write needs no more care: the entry is gone, so memory does not grow with every write.
        assertThat(writes.size()).isZero();
        assertThat(writes.cacheIsBehind(ManagedKind.QDRANT_CLUSTER, cluster("qdrant-a", "11"))).isFalse();
    }

    @Test
    void objectsTheAgentDidNotWriteAreNeverBehind() {
        writes.expect(ManagedKind.QDRANT_CLUSTER, cluster("qdrant-a", "12"));

        assertThat(writes.cacheIsBehind(ManagedKind.QDRANT_CLUSTER, cluster("qdrant-b", "3"))).isFalse();
        // The same name of another kind is another object.
        assertThat(writes.cacheIsBehind(ManagedKind.QDRANT_ENTITY, cluster("qdrant-a", "3"))).isFalse();
    }

    @Test
    void theInformerSeeingTheWriteSettlesItAndAnOlderEventDoesNot() {
        writes.expect(ManagedKind.QDRANT_CLUSTER, cluster("qdrant-a", "12"));

        writes.observed(ManagedKind.QDRANT_CLUSTER, cluster("qdrant-a", "11"));
        assertThat(writes.size()).isEqualTo(1);
        writes.observed(ManagedKind.QDRANT_CLUSTER, cluster("qdrant-a", "12"));
        assertThat(writes.size()).isZero();
    }

    @Test
    void aForgottenObjectIsNotBehind() {
        writes.expect(ManagedKind.QDRANT_CLUSTER, cluster("qdrant-a", "12"));

        writes.forget(ManagedKind.QDRANT_CLUSTER, "qdrant-a");

        assertThat(writes.cacheIsBehind(ManagedKind.QDRANT_CLUSTER, cluster("qdrant-a", "11"))).isFalse();
    }

    private static GenericKubernetesResource cluster(String name, String resourceVersion) {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion("qdrant.io/v1");
        object.setKind("QdrantCluster");
        object.setMetadata(new ObjectMetaBuilder().withName(name).withResourceVersion(resourceVersion).build());
        return object;
    }
}
