package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.qdranthybrid.crd.KubernetesService;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.ServiceType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DesiredServicesTest {

    @Test
    void headlessServicePublishesNotReadyPodsAndThePeerPort() {
        Service headless = DesiredServices.headless(ClusterFixtures.steady(ClusterFixtures.minimal()));

        assertThat(headless.getMetadata().getName()).isEqualTo("qdrant-headless-demo");
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(headless.getSpec().getPorts()).extracting(ServicePort::getPort).containsExactly(6333, 6334, 6335);
    }

    @Test
    void clientServiceServesRestAndGrpcButNeverThePeerPort() {
        Service client = DesiredServices.client(ClusterFixtures.steady(ClusterFixtures.minimal()));

        assertThat(client.getMetadata().getName()).isEqualTo("qdrant-demo");
        assertThat(client.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(client.getSpec().getPorts()).extracting(ServicePort::getPort).containsExactly(6333, 6334);
    }

    @Test
    void loadBalancerTakesTheSpecsAnnotationsAndSourceRanges() {
        Service client = DesiredServices.client(ClusterFixtures.steady(ClusterFixtures.production()));

        assertThat(client.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(client.getSpec().getLoadBalancerSourceRanges()).containsExactly("10.0.0.0/8");
        assertThat(client.getMetadata().getAnnotations())
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-internal", "true");
    }

    @Test
    void sourceRangesAreOnlySetOnLoadBalancers() {
        QdrantCluster cluster = ClusterFixtures.minimal();
        cluster.getSpec().setService(new KubernetesService());
        cluster.getSpec().getService().setType(ServiceType.NODE_PORT);
        cluster.getSpec().getService().setLoadBalancerSourceRanges(List.of("10.0.0.0/8"));

        Service client = DesiredServices.client(ClusterFixtures.steady(cluster));

        assertThat(client.getSpec().getType()).isEqualTo("NodePort");
        assertThat(client.getSpec().getLoadBalancerSourceRanges()).isNullOrEmpty();
    }

    @Test
    void oneServicePerNodeSelectingThatPodOnly() {
        List<Service> perNode = DesiredServices.perNode(ClusterFixtures.steady(ClusterFixtures.minimal()));

        assertThat(perNode).extracting(s -> s.getMetadata().getName())
                .containsExactly("qdrant-demo-0", "qdrant-demo-1", "qdrant-demo-2");
        assertThat(perNode.get(1).getSpec().getSelector())
                .containsEntry("statefulset.kubernetes.io/pod-name", "qdrant-demo-1");
    }

    @Test
    void noPerNodeServicesWhenSwitchedOff() {
        QdrantCluster cluster = ClusterFixtures.minimal();
        cluster.getSpec().setServicePerNode(false);

        assertThat(DesiredServices.perNode(ClusterFixtures.steady(cluster))).isEmpty();
    }
}
