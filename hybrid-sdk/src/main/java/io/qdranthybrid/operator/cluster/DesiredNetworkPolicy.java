package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.qdranthybrid.crd.QdrantApi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.qdranthybrid.operator.cluster.QdrantConfigRenderer.GRPC_PORT;
import static io.qdranthybrid.operator.cluster.QdrantConfigRenderer.HTTP_PORT;
import static io.qdranthybrid.operator.cluster.QdrantConfigRenderer.P2P_PORT;

/**
 * {@code qdrant-<id>}: clients anywhere in the Kubernetes cluster reach REST and gRPC; the peer-to-peer
 * port 6335, which no API key protects, is open only between the cluster's own pods; egress is limited to
 * those peers, DNS, and the write cluster when one is configured.
 */
public final class DesiredNetworkPolicy {

    private DesiredNetworkPolicy() {
    }

    /** Empty when the operator is configured not to manage NetworkPolicies. */
    public static Optional<NetworkPolicy> build(ClusterContext ctx) {
        if (!ctx.defaults().manageNetworkPolicy()) {
            return Optional.empty();
        }
        ClusterNames names = ctx.names();
        NetworkPolicyPeer ownPods = new NetworkPolicyPeerBuilder()
                .withPodSelector(new LabelSelectorBuilder().withMatchLabels(names.selector()).build()).build();
        NetworkPolicyPeer anyPodInCluster = new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(new LabelSelectorBuilder().build()).build();

        List<NetworkPolicyIngressRule> ingress = List.of(
                new NetworkPolicyIngressRuleBuilder().withFrom(anyPodInCluster)
                        .withPorts(tcp(HTTP_PORT), tcp(GRPC_PORT)).build(),
                new NetworkPolicyIngressRuleBuilder().withFrom(ownPods).withPorts(tcp(P2P_PORT)).build());

        List<NetworkPolicyEgressRule> egress = new ArrayList<>();
        egress.add(new NetworkPolicyEgressRuleBuilder().withTo(ownPods).withPorts(tcp(P2P_PORT)).build());
        egress.add(new NetworkPolicyEgressRuleBuilder()
                .withTo(new NetworkPolicyPeerBuilder().withNamespaceSelector(new LabelSelectorBuilder()
                        .withMatchLabels(Map.of("kubernetes.io/metadata.name", ctx.defaults().dnsNamespace())).build())
                        .build())
                .withPorts(port(53, "UDP"), port(53, "TCP")).build());
        if (ctx.spec().getWriteCluster() != null && ctx.spec().getWriteCluster().getId() != null) {
            NetworkPolicyPeer writeCluster = new NetworkPolicyPeerBuilder()
                    .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of(
                            QdrantApi.Labels.APP, QdrantApi.Labels.APP_QDRANT,
                            QdrantApi.Labels.CLUSTER_ID, ctx.spec().getWriteCluster().getId())).build())
                    .build();
            egress.add(new NetworkPolicyEgressRuleBuilder().withTo(writeCluster)
                    .withPorts(tcp(HTTP_PORT), tcp(GRPC_PORT)).build());
        }

        return Optional.of(new NetworkPolicyBuilder()
                .withNewMetadata().withName(names.networkPolicy()).withNamespace(ctx.namespace())
                    .withLabels(names.labels()).withOwnerReferences(ctx.ownerReference()).endMetadata()
                .withNewSpec()
                    .withNewPodSelector().withMatchLabels(names.selector()).endPodSelector()
                    .withPolicyTypes("Ingress", "Egress")
                    .withIngress(ingress)
                    .withEgress(egress)
                .endSpec()
                .build());
    }

    private static NetworkPolicyPort tcp(int port) {
        return port(port, "TCP");
    }

    private static NetworkPolicyPort port(int port, String protocol) {
        return new NetworkPolicyPortBuilder().withPort(new IntOrString(port)).withProtocol(protocol).build();
    }
}
