package io.qdranthybrid.benchmarks.idiomatic;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.qdranthybrid.crd.QdrantCluster;

/** The headless Service that gives each pod its DNS name for peer-to-peer traffic. */
public final class HeadlessServiceDependent extends CRUDKubernetesDependentResource<Service, QdrantCluster> {

    public HeadlessServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service desired(QdrantCluster cluster, Context<QdrantCluster> context) {
        return new ServiceBuilder()
                .withNewMetadata().withName(QdrantLabels.headless(cluster)).withNamespace(cluster.getMetadata().getNamespace())
                .withLabels(QdrantLabels.selector(cluster)).endMetadata()
                .withNewSpec()
                .withClusterIP("None")
                .withPublishNotReadyAddresses(true)
                .withSelector(QdrantLabels.selector(cluster))
                .withPorts(new ServicePortBuilder().withName("http").withPort(QdrantLabels.HTTP).withProtocol("TCP").build(),
                        new ServicePortBuilder().withName("grpc").withPort(QdrantLabels.GRPC).withProtocol("TCP").build(),
                        new ServicePortBuilder().withName("p2p").withPort(QdrantLabels.P2P).withProtocol("TCP").build())
                .endSpec()
                .build();
    }
}
