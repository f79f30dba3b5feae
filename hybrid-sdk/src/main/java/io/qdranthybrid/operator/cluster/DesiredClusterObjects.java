package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.List;

/** Every object a QdrantCluster owns, in the order they should be applied (config before the pods using it). */
public final class DesiredClusterObjects {

    private DesiredClusterObjects() {
    }

    public static List<HasMetadata> of(ClusterContext ctx) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(DesiredConfigMap.build(ctx));
        objects.add(DesiredServices.headless(ctx));
        objects.add(DesiredServices.client(ctx));
        objects.addAll(DesiredServices.perNode(ctx));
        DesiredNetworkPolicy.build(ctx).ifPresent(objects::add);
        objects.add(DesiredPodDisruptionBudget.build(ctx));
        DesiredIngress.build(ctx).ifPresent(objects::add);
        objects.add(DesiredStatefulSet.build(ctx));
        return objects;
    }
}
