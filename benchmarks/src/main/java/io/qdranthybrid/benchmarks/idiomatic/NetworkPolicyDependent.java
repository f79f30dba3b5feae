package io.qdranthybrid.benchmarks.idiomatic;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.qdranthybrid.crd.QdrantCluster;

/** Clients may reach REST and gRPC; only the cluster's own pods reach the peer-to-peer port. */
public final class NetworkPolicyDependent extends CRUDKubernetesDependentResource<NetworkPolicy, QdrantCluster> {

    public NetworkPolicyDependent() {
        super(NetworkPolicy.class);
    }

    @Override
    protected NetworkPolicy desired(QdrantCluster cluster, Context<QdrantCluster> context) {
        return new NetworkPolicyBuilder()
                .withNewMetadata().withName(QdrantLabels.name(cluster)).withNamespace(cluster.getMetadata().getNamespace())
                .withLabels(QdrantLabels.selector(cluster)).endMetadata()
                .withNewSpec()
                .withNewPodSelector().withMatchLabels(QdrantLabels.selector(cluster)).endPodSelector()
                .withPolicyTypes("Ingress")
                .withIngress(new NetworkPolicyIngressRuleBuilder()
                                .withPorts(port(QdrantLabels.HTTP), port(QdrantLabels.GRPC)).build(),
                        new NetworkPolicyIngressRuleBuilder()
                                .addNewFrom().withNewPodSelector().withMatchLabels(QdrantLabels.selector(cluster))
                                .endPodSelector().endFrom()
                                .withPorts(port(QdrantLabels.P2P)).build())
                .endSpec()
                .build();
    }

    private static io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort port(int number) {
        return new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(number)).build();
    }
}
