package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Maps a change of a secondary object to the primaries to reconcile, e.g. a Pod to its QdrantCluster by label. */
@FunctionalInterface
public interface SecondaryMapper<S extends HasMetadata> {

    /** Keys of the primaries affected by {@code secondary}; empty when none. */
    Set<ResourceKey> primariesOf(S secondary);

    /** Maps an object to the primary named by one of its labels in the same namespace, e.g. "cluster-id". */
    static <S extends HasMetadata> SecondaryMapper<S> byLabel(String label, Function<String, String> labelValueToPrimaryName) {
        return secondary -> {
            Map<String, String> labels = secondary.getMetadata().getLabels();
            String value = labels == null ? null : labels.get(label);
            if (value == null) {
                return Set.of();
            }
            return Set.of(new ResourceKey(secondary.getMetadata().getNamespace(), labelValueToPrimaryName.apply(value)));
        };
    }
}
