package io.qdranthybrid.benchmarks.idiomatic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterStatus;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A QdrantCluster operator as JOSDK 5's documentation and samples teach it (the WebPage sample's managed dependents):
 * a workflow of Kubernetes dependent resources, each with its own informer, applied with server-side apply and
 * matched by JOSDK's default SSA matcher; the reconciler only derives the status and patches it on every reconcile.
 * Default retry and rate limiting. It reads the same QdrantCluster model as ours and shares none of our code.
 *
 * <p>Healthy means what ours means: all replicas ready and node 0 reporting one peer per node, a leader and no
 * pending consensus operations. Until then it looks again after 2 s, as ours does.
 */
@Workflow(dependents = {
        @Dependent(name = "config", type = ConfigMapDependent.class),
        @Dependent(name = "headless-service", type = HeadlessServiceDependent.class),
        @Dependent(name = "client-service", type = ClientServiceDependent.class),
        @Dependent(name = "node-services", type = NodeServicesDependent.class),
        @Dependent(name = "pod-disruption-budget", type = PodDisruptionBudgetDependent.class),
        @Dependent(name = "network-policy", type = NetworkPolicyDependent.class),
        @Dependent(name = "statefulset", type = StatefulSetDependent.class, dependsOn = {"config", "headless-service"})
})
@ControllerConfiguration(name = "idiomatic-qdrantcluster")
public final class IdiomaticQdrantClusterReconciler implements Reconciler<QdrantCluster> {

    static final Duration IN_PROGRESS = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** (namespace, pod name) → where its REST port answers: cluster DNS in production, a loopback port here. */
    private final BiFunction<String, String, Optional<URI>> podEndpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public IdiomaticQdrantClusterReconciler(BiFunction<String, String, Optional<URI>> podEndpoint) {
        this.podEndpoint = podEndpoint;
    }

    @Override
    public UpdateControl<QdrantCluster> reconcile(QdrantCluster cluster, Context<QdrantCluster> context) {
        int size = cluster.getSpec().getSize();
        int ready = context.getSecondaryResource(StatefulSet.class)
                .map(StatefulSet::getStatus)
                .map(status -> status.getReadyReplicas() == null ? 0 : status.getReadyReplicas())
                .orElse(0);
        boolean healthy = ready == size && inConsensus(cluster, size);

        QdrantClusterStatus status = new QdrantClusterStatus();
        status.setPhase(healthy ? ClusterPhase.HEALTHY : ClusterPhase.CREATING);
        status.setReason(healthy ? "" : ready + " of " + size + " nodes ready");
        status.setObservedGeneration(cluster.getMetadata().getGeneration());
        // With SSA, the docs' advice: patch a fresh object holding only what this manager owns.
        QdrantCluster patch = new QdrantCluster();
        patch.setMetadata(new ObjectMetaBuilder().withName(cluster.getMetadata().getName())
                .withNamespace(cluster.getMetadata().getNamespace()).build());
        patch.setStatus(status);
        UpdateControl<QdrantCluster> control = UpdateControl.patchStatus(patch);
        return healthy ? control : control.rescheduleAfter(IN_PROGRESS);
    }

    private boolean inConsensus(QdrantCluster cluster, int size) {
        Optional<URI> node = podEndpoint.apply(cluster.getMetadata().getNamespace(), QdrantLabels.name(cluster) + "-0");
        if (node.isEmpty()) {
            return false;
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(node.get().resolve("/cluster"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode result = JSON.readTree(response.body()).path("result");
            JsonNode raft = result.path("raft_info");
            return result.path("peers").size() == size && raft.path("leader").asLong(0) != 0
                    && raft.path("pending_operations").asLong(1) == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
