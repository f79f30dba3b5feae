package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ManagedFieldsStrippingStoreTest {

    @Test
    void anObjectEntersTheCacheWithoutItsFieldOwnershipAndKeepsEverythingElse() {
        ConfigMap sent = new ConfigMapBuilder().withNewMetadata().withName("cfg").withNamespace("ns")
                .withResourceVersion("7").addToLabels("app", "qdrant")
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("qdrant-operator").withOperation("Update")
                        .build()).endMetadata().addToData("k", "v").build();
        ManagedFieldsStrippingStore<ConfigMap> store = new ManagedFieldsStrippingStore<>();

        store.put(store.getKey(sent), sent);

        ConfigMap cached = store.get("ns/cfg");
        assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(cached.getMetadata().getLabels()).containsEntry("app", "qdrant");
        assertThat(cached.getData()).containsEntry("k", "v");
        assertThat(store.size()).isEqualTo(1);
    }
}
