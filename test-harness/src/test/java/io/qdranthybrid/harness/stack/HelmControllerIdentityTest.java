package io.qdranthybrid.harness.stack;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.kube.ApiCall;
import io.qdranthybrid.harness.kube.controllers.helm.SimulatedHelmController;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The helm-controller of a stack cluster runs as its own ServiceAccount in flux-system, as Flux's does. */
class HelmControllerIdentityTest {

    @Test
    void helmControllerWritesStatusAsItsFluxServiceAccount() {
        try (StackCluster stack = StackCluster.simulated(SimulatedCluster.Settings.defaults())) {
            SimulatedCluster cluster = stack.simulated().orElseThrow();
            String ns = cluster.createNamespace("helm-identity");
            var repositories = cluster.client().genericKubernetesResources(SimulatedHelmController.HELM_REPOSITORIES);
            repositories.inNamespace(ns).resource(new GenericKubernetesResourceBuilder().withApiVersion("cd.qdrant.io/v1")
                    .withKind("HelmRepository").withNewMetadata().withName("qdrant-cloud").withNamespace(ns).endMetadata()
                    .addToAdditionalProperties("spec", Map.of("url", "oci://registry.cloud.qdrant.io/qdrant-charts",
                            "interval", "10m"))
                    .build()).create();

            await().atMost(Duration.ofSeconds(30)).until(() -> repositories.inNamespace(ns).withName("qdrant-cloud").get()
                    .getAdditionalProperties().containsKey("status"));
            assertThat(cluster.api().journal().calls().stream()
                    .filter(call -> call.resource().equals("helmrepositories") && "status".equals(call.subresource())
                            && call.succeeded())
                    .map(ApiCall::user).collect(Collectors.toSet()))
                    .containsExactly("system:serviceaccount:flux-system:helm-controller");
        }
    }
}
