package io.qdranthybrid.deploy;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.harness.cluster.QdrantClusterManifests;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.cluster.SimulatedQdrantEndpoints;
import io.qdranthybrid.harness.kube.controllers.kubelet.KubeletSettings;
import io.qdranthybrid.operator.QdrantOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator, running on the simulated cluster through a client that records every API request it sends,
 * brings a three-node Qdrant cluster to Healthy and scales it down to two; every one of those requests is allowed by the operator Role the
 * production overlay renders, and none leaves its namespace. The simulated API server does not enforce RBAC, so
 * this is what shows the Role is enough (and the matcher what shows it is not more than enough).
 */
@ExtendWith(KubectlRequired.class)
class OperatorApiCallsAllowedByRenderedRoleTest {

    private static final ApiRequestRecorder RECORDER = new ApiRequestRecorder();

    private static SimulatedCluster cluster;
    private static List<PolicyRule> operatorRules;

    @BeforeAll
    static void start() {
        if (!Kustomize.kubectlAvailable()) {
            return; // each test skips visibly through KubectlRequired
        }
        operatorRules = Manifests.named(Kustomize.render("kustomize/examples/production"), Role.class,
                "qdrant-hybrid-operator").getRules();
        cluster = SimulatedCluster.start(SimulatedCluster.Settings.defaults()
                .withKubelet(KubeletSettings.defaults().withProbeTimeScale(0.1)));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyRequestTheOperatorMakesToRunAClusterIsAllowedByItsRole() {
        String namespace = cluster.createNamespace("deploy-rbac");
        try (KubernetesClient operatorClient = RECORDER.client(cluster.api().clientConfig(namespace));
             QdrantOperator operator = QdrantOperator.builder(operatorClient, namespace)
                     .qdrantEndpoints(SimulatedQdrantEndpoints.of(cluster))
                     .leaderElection("qdrant-hybrid-operator", "qdrant-hybrid-operator-0")
                     .resyncPeriod(Duration.ofSeconds(30))
                     .qdrantTimeout(Duration.ofSeconds(2))
                     .build()) {
            operator.start();
            createCluster(namespace, "rbac1", 3);

            awaitHealthy(namespace, "rbac1");
            // Scaling down drains a node and removes its volumes: pods, PVCs and Qdrant peers are touched too.
            cluster.qdrant().cluster(namespace, "rbac1").seedCollection("docs", 3, 2, 300);
            cluster.client().resources(QdrantCluster.class).inNamespace(namespace).withName("qdrant-rbac1")
                    .edit(qc -> {
                        qc.getSpec().setSize(2);
                        return qc;
                    });
            awaitHealthy(namespace, "rbac1");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(cluster.client().pods()
                    .inNamespace(namespace).withLabel("cluster-id", "rbac1").list().getItems()).hasSize(2));
        }

        assertThat(RECORDER.verbsAndResources()).as("the recorder saw the operator's work").contains("create statefulsets", "update qdrantclusters/status", "patch leases",
                        "patch persistentvolumeclaims", "create events");
        assertThat(RECORDER.requests()).filteredOn(r -> !namespace.equals(r.namespace()))
                .as("requests outside the operator's namespace").isEmpty();
        assertThat(RECORDER.forbiddenBy(operatorRules)).as("requests the Role would forbid").isEmpty();
    }

    private static void awaitHealthy(String namespace, String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            QdrantCluster qc = cluster.client().resources(QdrantCluster.class).inNamespace(namespace)
                    .withName("qdrant-" + id).get();
            assertThat(qc.getStatus()).isNotNull();
            assertThat(qc.getStatus().getPhase()).isEqualTo(ClusterPhase.HEALTHY);
            assertThat(qc.getStatus().getObservedGeneration()).isEqualTo(qc.getMetadata().getGeneration());
        });
    }

    private static void createCluster(String namespace, String id, int size) {
        cluster.client().resource(QdrantClusterManifests.standard(namespace, id, size, "v1.12.3")).inNamespace(namespace)
                .create();
    }
}
