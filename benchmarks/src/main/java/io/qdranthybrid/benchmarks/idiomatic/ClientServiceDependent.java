package io.qdranthybrid.benchmarks.idiomatic;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.qdranthybrid.crd.QdrantCluster;

/** The ClusterIP Service clients connect to (REST and gRPC). */
public final class ClientServiceDependent extends CRUDKubernetesDependentResource<Service, QdrantCluster> {

    public ClientServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service desired(QdrantCluster cluster, Context<QdrantCluster> context) {
        return new ServiceBuilder()
                .withNewMetadata().withName(QdrantLabels.name(cluster)).withNamespace(cluster.getMetadata().getNamespace())
                .withLabels(QdrantLabels.selector(cluster)).endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(QdrantLabels.selector(cluster))
                .withPorts(new ServicePortBuilder().withName("http").withPort(QdrantLabels.HTTP).withProtocol("TCP").build(),
                        new ServicePortBuilder().withName("grpc").withPort(QdrantLabels.GRPC).withProtocol("TCP").build())
                .endSpec()
                .build();
    }
}
