package io.qdranthybrid.benchmarks.idiomatic;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.BulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.qdranthybrid.crd.QdrantCluster;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Service per node ({@code <name>-<index>}), which the spec's {@code servicePerNode} asks for unless set to false:
 * a bulk dependent, JOSDK's way for a number of resources the primary decides. Its informer sees only these Services
 * (their label), as JOSDK's docs advise for several dependents of one type.
 */
@KubernetesDependent(informer = @Informer(labelSelector = QdrantLabels.NODE_SERVICE + "=true"))
public final class NodeServicesDependent extends CRUDKubernetesDependentResource<Service, QdrantCluster>
        implements BulkDependentResource<Service, QdrantCluster> {

    public NodeServicesDependent() {
        super(Service.class);
    }

    @Override
    public Map<String, Service> desiredResources(QdrantCluster cluster, Context<QdrantCluster> context) {
        Map<String, Service> services = new LinkedHashMap<>();
        if (Boolean.FALSE.equals(cluster.getSpec().getServicePerNode())) {
            return services;
        }
        for (int index = 0; index < cluster.getSpec().getSize(); index++) {
            Service service = nodeService(cluster, index);
            services.put(service.getMetadata().getName(), service);
        }
        return services;
    }

    @Override
    public Map<String, Service> getSecondaryResources(QdrantCluster cluster, Context<QdrantCluster> context) {
        // Every Service informer of this controller offers these Services; keep one copy of each.
        return context.getSecondaryResourcesAsStream(Service.class)
                .filter(service -> "true".equals(service.getMetadata().getLabels().get(QdrantLabels.NODE_SERVICE)))
                .collect(Collectors.toMap(service -> service.getMetadata().getName(), service -> service,
                        (first, second) -> first, HashMap::new));
    }

    private static Service nodeService(QdrantCluster cluster, int index) {
        String pod = QdrantLabels.name(cluster) + "-" + index;
        Map<String, String> labels = new LinkedHashMap<>(QdrantLabels.selector(cluster));
        labels.put(QdrantLabels.NODE_SERVICE, "true");
        Map<String, String> selector = new LinkedHashMap<>(QdrantLabels.selector(cluster));
        selector.put(QdrantLabels.POD_NAME, pod);
        return new ServiceBuilder()
                .withNewMetadata().withName(pod).withNamespace(cluster.getMetadata().getNamespace())
                .withLabels(labels).endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(selector)
                .withPorts(new ServicePortBuilder().withName("http").withPort(QdrantLabels.HTTP).withProtocol("TCP").build(),
                        new ServicePortBuilder().withName("grpc").withPort(QdrantLabels.GRPC).withProtocol("TCP").build())
                .endSpec()
                .build();
    }
}
