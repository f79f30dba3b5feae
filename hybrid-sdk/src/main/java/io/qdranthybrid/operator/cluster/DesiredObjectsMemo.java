package io.qdranthybrid.operator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.qdranthybrid.crd.QdrantClusterSpec;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The desired objects last built for each cluster, rebuilt only when what they are computed from changes. Most
 * reconciles are woken by a pod or a timer with the spec unchanged, and building and serialising the StatefulSet was
 * the largest cost of a reconcile. The objects handed out are shared between reconciles: never modify them.
 */
final class DesiredObjectsMemo {

    /** Everything the desired-object functions read from a {@link ClusterContext}. */
    private record Inputs(String namespace, String name, String uid, QdrantClusterSpec spec,
                          Map<String, String> annotations, OperatorDefaults defaults, String runningVersion,
                          int replicas) {

        /** The same inputs holding a private copy of the spec, which is compared by value later. */
        Inputs withOwnSpec() {
            return new Inputs(namespace, name, uid, SERIALIZATION.clone(spec), annotations, defaults, runningVersion,
                    replicas);
        }

        static Inputs of(ClusterContext ctx) {
            var meta = ctx.cluster().getMetadata();
            return new Inputs(meta.getNamespace(), meta.getName(), meta.getUid(), ctx.spec(),
                    meta.getAnnotations() == null ? Map.of() : Map.copyOf(meta.getAnnotations()), ctx.defaults(),
                    ctx.runningVersion(), ctx.replicas());
        }
    }

    /**
     * @param all         every owned object in apply order, {@code statefulSet} last
     * @param podTemplate the StatefulSet's pod template as JSON, to compare with the live one
     */
    record Built(StatefulSet statefulSet, List<HasMetadata> all, JsonNode podTemplate) {
    }

    private record Entry(Inputs inputs, Built built) {
    }

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final Map<String, Entry> byCluster = new ConcurrentHashMap<>();

    Built objectsFor(ClusterContext ctx) {
        Inputs inputs = Inputs.of(ctx);
        String key = inputs.namespace() + "/" + inputs.name();
        Entry entry = byCluster.get(key);
        if (entry != null && entry.inputs().equals(inputs)) {
            return entry.built();
        }
        StatefulSet statefulSet = DesiredStatefulSet.build(ctx);
        Built built = new Built(statefulSet, List.copyOf(DesiredClusterObjects.of(ctx, statefulSet)),
                PodTemplates.asJson(statefulSet.getSpec().getTemplate()));
        // A caller changing its cluster object afterwards must not change what was remembered.
        byCluster.put(key, new Entry(inputs.withOwnSpec(), built));
        return built;
    }

    void forget(String namespace, String name) {
        byCluster.remove(namespace + "/" + name);
    }
}
