package io.qdranthybrid.harness.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.operator.cluster.ClusterContext;
import io.qdranthybrid.operator.cluster.DesiredConfigMap;
import io.qdranthybrid.operator.cluster.DesiredServices;
import io.qdranthybrid.operator.cluster.DesiredStatefulSet;
import io.qdranthybrid.operator.cluster.OperatorDefaults;

import java.util.List;
import java.util.UUID;

/**
 * The objects the operator renders for a Qdrant cluster (ConfigMap, headless Service, StatefulSet), without the
 * operator: tests and benchmarks of the simulator alone create these and watch the simulator bring them up.
 */
final class RenderedQdrantCluster {

    private RenderedQdrantCluster() {
    }

    static List<HasMetadata> objects(String namespace, String id, int size) {
        QdrantCluster qc = new QdrantCluster();
        qc.setMetadata(new ObjectMetaBuilder().withName(QdrantClusterManifests.NAME_PREFIX + id).withNamespace(namespace)
                .withUid(UUID.randomUUID().toString()).build());
        QdrantClusterSpec spec = new QdrantClusterSpec();
        spec.setId(id);
        spec.setVersion("v1.12.3");
        spec.setSize(size);
        qc.setSpec(spec);
        ClusterContext ctx = ClusterContext.steady(qc, OperatorDefaults.hybrid());
        // Without an owner object in the API server the garbage collector would delete these at once.
        return List.<HasMetadata>of(DesiredConfigMap.build(ctx), DesiredServices.headless(ctx), DesiredStatefulSet.build(ctx))
                .stream().peek(o -> o.getMetadata().setOwnerReferences(null)).toList();
    }
}
