package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.qdranthybrid.crd.KubernetesService;
import io.qdranthybrid.crd.ServiceType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.qdranthybrid.operator.cluster.QdrantConfigRenderer.GRPC_PORT;
import static io.qdranthybrid.operator.cluster.QdrantConfigRenderer.HTTP_PORT;
import static io.qdranthybrid.operator.cluster.QdrantConfigRenderer.P2P_PORT;

/** The cluster's Services: headless for peer discovery, the client Service, and one per node. */
public final class DesiredServices {

    private DesiredServices() {
    }

    /**
     * {@code qdrant-headless-<id>}: gives every pod a stable DNS name. It publishes not-ready pods because a
     * node must resolve its peers to join consensus, which it needs before it can become ready.
     */
    public static Service headless(ClusterContext ctx) {
        ClusterNames names = ctx.names();
        return new ServiceBuilder()
                .withNewMetadata().withName(names.headlessService()).withNamespace(ctx.namespace())
                    .withLabels(names.labels()).withOwnerReferences(ctx.ownerReference()).endMetadata()
                .withNewSpec()
                    .withClusterIP("None")
                    .withPublishNotReadyAddresses(true)
                    .withSelector(names.selector())
                    .withPorts(port("http", HTTP_PORT), port("grpc", GRPC_PORT), port("p2p", P2P_PORT))
                .endSpec()
                .build();
    }

    /** {@code qdrant-<id>}: REST on 6333 and gRPC on 6334, of the type and with the annotations the spec asks. */
    public static Service client(ClusterContext ctx) {
        ClusterNames names = ctx.names();
        return clientShaped(ctx, names.clientService(), names.selector());
    }

    /** {@code qdrant-<id>-<index>} for every node, when {@code servicePerNode} is on (the default). */
    public static List<Service> perNode(ClusterContext ctx) {
        if (Boolean.FALSE.equals(ctx.spec().getServicePerNode())) {
            return List.of();
        }
        ClusterNames names = ctx.names();
        List<Service> services = new ArrayList<>();
        for (int index = 0; index < ctx.replicas(); index++) {
            Map<String, String> selector = new LinkedHashMap<>(names.selector());
            selector.put(ClusterNames.POD_NAME_LABEL, names.pod(index));
            services.add(clientShaped(ctx, names.nodeService(index), selector));
        }
        return services;
    }

    private static Service clientShaped(ClusterContext ctx, String name, Map<String, String> selector) {
        KubernetesService settings = ctx.spec().getService();
        ServiceType type = settings == null || settings.getType() == null ? ServiceType.CLUSTER_IP : settings.getType();
        return new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace(ctx.namespace())
                    .withLabels(ctx.names().labels())
                    .withAnnotations(settings == null ? null : settings.getAnnotations())
                    .withOwnerReferences(ctx.ownerReference()).endMetadata()
                .withNewSpec()
                    .withType(type.wireValue())
                    .withSelector(selector)
                    .withPorts(port("http", HTTP_PORT), port("grpc", GRPC_PORT))
                    .withLoadBalancerSourceRanges(type == ServiceType.LOAD_BALANCER && settings != null
                            ? settings.getLoadBalancerSourceRanges() : null)
                .endSpec()
                .build();
    }

    private static ServicePort port(String name, int number) {
        return new ServicePortBuilder().withName(name).withPort(number).withNewTargetPort(number)
                .withProtocol("TCP").build();
    }
}
