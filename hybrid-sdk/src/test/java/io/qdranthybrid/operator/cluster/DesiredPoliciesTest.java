package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import io.qdranthybrid.crd.QdrantCluster;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** PodDisruptionBudget, NetworkPolicy and Ingress of a cluster. */
class DesiredPoliciesTest {

    @Test
    void budgetDefaultsToOneUnavailableNodeAndAlwaysSelectsTheClustersPods() {
        PodDisruptionBudget pdb = DesiredPodDisruptionBudget.build(ClusterFixtures.steady(ClusterFixtures.minimal()));

        assertThat(pdb.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).containsEntry("cluster-id", "demo");

        QdrantCluster custom = ClusterFixtures.minimal();
        custom.getSpec().setPodDisruptionBudget(new PodDisruptionBudgetSpec());
        custom.getSpec().getPodDisruptionBudget().setMinAvailable(new IntOrString(2));
        PodDisruptionBudget customPdb = DesiredPodDisruptionBudget.build(ClusterFixtures.steady(custom));
        assertThat(customPdb.getSpec().getMinAvailable()).isEqualTo(new IntOrString(2));
        assertThat(customPdb.getSpec().getSelector().getMatchLabels()).containsEntry("cluster-id", "demo");
    }

    @Test
    void peerPortIsOpenOnlyBetweenTheClustersOwnPods() {
        NetworkPolicy policy = DesiredNetworkPolicy.build(ClusterFixtures.steady(ClusterFixtures.minimal())).orElseThrow();

        NetworkPolicyIngressRule p2p = policy.getSpec().getIngress().stream()
                .filter(r -> r.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 6335)).findFirst().orElseThrow();
        assertThat(p2p.getPorts()).hasSize(1);
        assertThat(p2p.getFrom()).singleElement().satisfies(peer -> {
            assertThat(peer.getNamespaceSelector()).isNull();
            assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("cluster-id", "demo");
        });
        NetworkPolicyIngressRule clients = policy.getSpec().getIngress().stream().filter(r -> r != p2p).findFirst().orElseThrow();
        assertThat(clients.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(6333, 6334);
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    }

    @Test
    void egressAllowsPeersDnsAndTheWriteClusterOnly() {
        NetworkPolicy plain = DesiredNetworkPolicy.build(ClusterFixtures.steady(ClusterFixtures.minimal())).orElseThrow();
        NetworkPolicy withWriteCluster = DesiredNetworkPolicy.build(ClusterFixtures.steady(ClusterFixtures.production()))
                .orElseThrow();

        assertThat(plain.getSpec().getEgress()).hasSize(2);
        assertThat(plain.getSpec().getEgress().get(1).getPorts()).extracting(p -> p.getProtocol())
                .containsExactly("UDP", "TCP");
        assertThat(plain.getSpec().getEgress().get(1).getTo().get(0).getNamespaceSelector().getMatchLabels())
                .containsEntry("kubernetes.io/metadata.name", "kube-system");
        assertThat(withWriteCluster.getSpec().getEgress()).hasSize(3);
        assertThat(withWriteCluster.getSpec().getEgress().get(2).getTo().get(0).getPodSelector().getMatchLabels())
                .containsEntry("cluster-id", "prod-0");
    }

    @Test
    void networkPolicyCanBeLeftToThePlatformTeam() {
        OperatorDefaults unmanaged = new OperatorDefaults("qdrant/qdrant", "IfNotPresent", null, null,
                OperatorDefaults.hybrid().podDisruptionBudget(), true, false, "kube-system");

        assertThat(DesiredNetworkPolicy.build(ClusterContext.steady(ClusterFixtures.minimal(), unmanaged))).isEmpty();
    }

    @Test
    void ingressOnlyWhenEnabledWithTlsAndNginxAllowList() {
        assertThat(DesiredIngress.build(ClusterFixtures.steady(ClusterFixtures.minimal()))).isEmpty();

        Ingress ingress = DesiredIngress.build(ClusterFixtures.steady(ClusterFixtures.production())).orElseThrow();

        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getHosts()).containsExactly("prod-1.qdrant.example.com");
            assertThat(tls.getSecretName()).isEqualTo("prod-1-ingress-tls");
        });
        assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName())
                .isEqualTo("qdrant-prod-1");
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry(DesiredIngress.NGINX_ALLOW_LIST, "10.0.0.0/8")
                .containsEntry("nginx.ingress.kubernetes.io/backend-protocol", "HTTPS");
    }

    @Test
    void everyOwnedObjectCarriesTheOwnerAndTheClusterLabels() {
        List<io.fabric8.kubernetes.api.model.HasMetadata> objects =
                DesiredClusterObjects.of(ClusterFixtures.steady(ClusterFixtures.production()));

        assertThat(objects).extracting(o -> o.getKind()).containsExactly("ConfigMap", "Service", "Service", "Service",
                "Service", "Service", "NetworkPolicy", "PodDisruptionBudget", "Ingress", "StatefulSet");
        assertThat(objects).allSatisfy(o -> {
            assertThat(o.getMetadata().getNamespace()).isEqualTo("qdrant");
            assertThat(o.getMetadata().getLabels()).containsEntry("cluster-id", "prod-1")
                    .containsEntry(ClusterNames.MANAGED_BY, ClusterNames.OPERATOR);
            assertThat(o.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(ref -> assertThat(ref.getUid()).isEqualTo("uid-prod"));
        });
    }
}
