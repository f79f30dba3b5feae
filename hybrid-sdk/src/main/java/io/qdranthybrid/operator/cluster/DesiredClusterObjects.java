package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.ArrayList;
import java.util.List;

/** Every object a QdrantCluster owns, in the order they should be applied (config before the pods using it). */
public final class DesiredClusterObjects {

    private DesiredClusterObjects() {
    }

    public static List<HasMetadata> of(ClusterContext ctx) {
        return of(ctx, DesiredStatefulSet.build(ctx));
    }

    /** @param statefulSet {@code DesiredStatefulSet.build(ctx)}, when the caller has built it already */
    public static List<HasMetadata> of(ClusterContext ctx, StatefulSet statefulSet) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(DesiredConfigMap.build(ctx));
        objects.add(DesiredServices.headless(ctx));
        objects.add(DesiredServices.client(ctx));
        objects.addAll(DesiredServices.perNode(ctx));
        DesiredNetworkPolicy.build(ctx).ifPresent(objects::add);
        objects.add(DesiredPodDisruptionBudget.build(ctx));
        DesiredIngress.build(ctx).ifPresent(objects::add);
        objects.add(statefulSet);
        return objects;
    }
}
