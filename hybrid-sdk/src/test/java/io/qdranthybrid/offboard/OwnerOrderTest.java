package io.qdranthybrid.offboard;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 18 item 7: the cleanup strips an object's finalizers only once its owners are gone. */
class OwnerOrderTest {

    private static GenericKubernetesResource object(String name, String uid, String ownerUid) {
        GenericKubernetesResourceBuilder builder = new GenericKubernetesResourceBuilder().withApiVersion("qdrant.io/v1")
                .withKind("QdrantClusterSnapshot").withNewMetadata().withName(name).withUid(uid).endMetadata();
        if (ownerUid != null) {
            builder.editMetadata().addNewOwnerReference().withApiVersion("qdrant.io/v1").withKind("QdrantCluster")
                    .withName("owner").withUid(ownerUid).endOwnerReference().endMetadata();
        }
        return builder.build();
    }

    @Test
    void ownersComeFirstAndTheirDependentsOnceTheyAreGone() {
        GenericKubernetesResource cluster = object("orders", "u-cluster", null);
        GenericKubernetesResource backup = object("orders-backup", "u-backup", "u-cluster");
        GenericKubernetesResource orphan = object("old-backup", "u-old", "u-deleted-long-ago");

        Set<String> present = Set.of("u-cluster", "u-backup", "u-old");
        assertThat(OwnerOrder.ownersGone(List.of(cluster, backup, orphan), ref -> present.contains(ref.getUid())))
                .containsExactly(cluster, orphan);
        Set<String> afterOwner = Set.of("u-backup", "u-old");
        assertThat(OwnerOrder.ownersGone(List.of(backup, orphan), ref -> afterOwner.contains(ref.getUid())))
                .containsExactly(backup, orphan);
    }
}
