package io.qdranthybrid.harness.cluster;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdranthybrid.harness.kube.ApiCall;
import io.qdranthybrid.harness.kube.Verb;
import io.qdranthybrid.harness.kube.auth.UserInfo;
import io.qdranthybrid.harness.kube.controllers.gc.GarbageCollector;
import io.qdranthybrid.harness.kube.controllers.kubelet.KubeletSettings;
import io.qdranthybrid.harness.kube.controllers.kubelet.SimulatedKubelet;
import io.qdranthybrid.harness.kube.controllers.machinery.ControllerIdentity;
import io.qdranthybrid.harness.kube.controllers.machinery.PodState;
import io.qdranthybrid.harness.kube.controllers.scheduler.SimulatedScheduler;
import io.qdranthybrid.harness.kube.controllers.statefulset.StatefulSetController;
import io.qdranthybrid.harness.kube.controllers.storage.StorageController;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Each simulated component talks to the API server as the identity its real counterpart has, and RBAC holds it to
 * that counterpart's rules (bootstrap-policy.yaml, from Kubernetes' bootstrappolicy): what a real scheduler or
 * kubelet is refused, the simulated one is refused with the same 403.
 */
class SimulatedComponentIdentitiesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static SimulatedCluster cluster;
    private static String namespace;

    @BeforeAll
    static void startClusterWithAQdrantPod() {
        cluster = SimulatedCluster.start(SimulatedCluster.Settings.defaults()
                .withKubelet(KubeletSettings.defaults().withProbeTimeScale(0.1)));
        namespace = cluster.createNamespace("identities");
        RenderedQdrantCluster.objects(namespace, "id", 1).forEach(o -> cluster.client().resource(o).create());
        await().atMost(TIMEOUT).until(() -> {
            var pod = cluster.client().pods().inNamespace(namespace).withName("qdrant-id-0").get();
            return pod != null && PodState.isRunningAndReady(pod);
        });
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void requestJournalShowsEachComponentWritingAsItsOwnUser() {
        String node = cluster.client().pods().inNamespace(namespace).withName("qdrant-id-0").get().getSpec().getNodeName();

        assertThat(writers(Verb.CREATE, "pods", null)).containsExactly(StatefulSetController.IDENTITY.user());
        assertThat(writers(Verb.UPDATE, "statefulsets", "status")).containsExactly(StatefulSetController.IDENTITY.user());
        // Binding patches spec.nodeName: the simulated API server serves no pods/binding subresource yet.
        assertThat(writers(Verb.PATCH, "pods", null)).contains("system:kube-scheduler");
        assertThat(writers(Verb.PATCH, "pods", "status")).containsExactly("system:node:" + node);
        assertThat(writers(Verb.CREATE, "nodes", null)).allMatch(user -> user.startsWith("system:node:")).hasSize(3);
        assertThat(writers(Verb.CREATE, "persistentvolumes", null)).containsExactly(StorageController.IDENTITY.user());

        cluster.client().apps().statefulSets().inNamespace(namespace).withName("qdrant-id").delete();
        await().atMost(TIMEOUT).until(() -> cluster.client().pods().inNamespace(namespace).withName("qdrant-id-0").get() == null);
        assertThat(writers(Verb.DELETE, "pods", null)).contains(GarbageCollector.IDENTITY.user());
    }

    @Test
    void schedulerCannotCreatePods() {
        try (KubernetesClient scheduler = clientAs(SimulatedScheduler.IDENTITY)) {
            assertThatThrownBy(() -> scheduler.resource(new PodBuilder().withNewMetadata().withName("sneaky")
                    .withNamespace(namespace).endMetadata().withNewSpec().addNewContainer().withName("c")
                    .withImage("busybox").endContainer().endSpec().build()).create())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(403);
                        assertThat(e.getStatus().getMessage()).isEqualTo("pods is forbidden: User \"system:kube-scheduler\""
                                + " cannot create resource \"pods\" in API group \"\" in the namespace \"" + namespace + "\"");
                    });
        }
    }

    @Test
    void kubeletCannotDeleteAStatefulSet() {
        try (KubernetesClient kubelet = clientAs(SimulatedKubelet.identityOf("k3s-sim-1"))) {
            assertThatThrownBy(() -> kubelet.apps().statefulSets().inNamespace(namespace).withName("qdrant-id").delete())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(403);
                        assertThat(e.getStatus().getMessage()).isEqualTo("statefulsets.apps \"qdrant-id\" is forbidden:"
                                + " User \"system:node:k3s-sim-1\" cannot delete resource \"statefulsets\" in API group"
                                + " \"apps\" in the namespace \"" + namespace + "\"");
                    });
        }
    }

    private static Set<String> writers(Verb verb, String resource, String subresource) {
        return cluster.api().journal().calls().stream()
                .filter(call -> call.verb() == verb && call.resource().equals(resource)
                        && java.util.Objects.equals(call.subresource(), subresource) && call.succeeded())
                .map(ApiCall::user)
                .collect(Collectors.toSet());
    }

    private static KubernetesClient clientAs(ControllerIdentity identity) {
        return cluster.api().newClient(cluster.api().clientConfig(namespace,
                cluster.api().tokenForUser(new UserInfo(identity.user(), identity.groups()))));
    }
}
