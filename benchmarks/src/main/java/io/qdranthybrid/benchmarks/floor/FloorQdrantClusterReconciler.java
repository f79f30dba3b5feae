package io.qdranthybrid.benchmarks.floor;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterStatus;
import io.qdranthybrid.operator.cluster.ClusterContext;
import io.qdranthybrid.operator.cluster.ClusterNames;
import io.qdranthybrid.operator.cluster.DesiredClusterObjects;
import io.qdranthybrid.operator.cluster.OperatorDefaults;
import io.qdranthybrid.operator.cluster.QdrantEndpoints;
import io.qdranthybrid.qdrant.ClusterInfo;
import io.qdranthybrid.qdrant.QdrantApiException;
import io.qdranthybrid.qdrant.QdrantClient;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The floor for the convergence comparison, the least an operator creating these objects can do: a plain Java
 * Operator SDK 5 reconciler for QdrantClusters that computes
 * the same owned objects with our pure desired-object functions ({@link DesiredClusterObjects}), keeps one JOSDK
 * informer event source per owned kind plus one for pods, creates what its cache lacks and patches the status phase
 * when it changes. It never updates an object: the benchmark only creates clusters, and on a real (or the strict
 * simulated) API server a compare-and-update against defaulted objects finds a difference on nearly every reconcile
 * (with JOSDK's non-SSA {@code GenericKubernetesResourceMatcher} deciding, it made 33 updates per cluster at N = 2),
 * which is work above the floor. Healthy means what our lifecycle means: every node's pod ready and Qdrant consensus
 * settled with one peer per node. It does only what creating clusters needs: no scaling, upgrades or suspend.
 */
@ControllerConfiguration(name = "floor-qdrantcluster")
public final class FloorQdrantClusterReconciler implements Reconciler<QdrantCluster> {

    /** Looks again this soon while a cluster is not Healthy, as our operator does. */
    static final Duration IN_PROGRESS = Duration.ofSeconds(2);
    private static final List<Class<? extends HasMetadata>> OWNED = List.of(ConfigMap.class, Service.class,
            NetworkPolicy.class, PodDisruptionBudget.class, Ingress.class, StatefulSet.class);

    private final OperatorDefaults defaults;
    private final QdrantEndpoints endpoints;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<Class<?>, InformerEventSource<? extends HasMetadata, QdrantCluster>> owned = new LinkedHashMap<>();
    private InformerEventSource<Pod, QdrantCluster> pods;

    public FloorQdrantClusterReconciler(OperatorDefaults defaults, QdrantEndpoints endpoints) {
        this.defaults = defaults;
        this.endpoints = endpoints;
    }

    @Override
    public List<EventSource<?, QdrantCluster>> prepareEventSources(EventSourceContext<QdrantCluster> context) {
        List<EventSource<?, QdrantCluster>> sources = new ArrayList<>();
        for (Class<? extends HasMetadata> type : OWNED) {
            InformerEventSource<? extends HasMetadata, QdrantCluster> source = ownedSource(type, context);
            owned.put(type, source);
            sources.add(source);
        }
        pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, QdrantCluster.class)
                .withName("pods")
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(pod -> {
                    String id = labels(pod).get(QdrantApi.Labels.CLUSTER_ID);
                    return id == null ? Set.of() : Set.of(new ResourceID("qdrant-" + id, pod.getMetadata().getNamespace()));
                })
                .build(), context);
        sources.add(pods);
        return sources;
    }

    private static <R extends HasMetadata> InformerEventSource<R, QdrantCluster> ownedSource(
            Class<R> type, EventSourceContext<QdrantCluster> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, QdrantCluster.class)
                .withName(type.getSimpleName())
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(QdrantCluster.class))
                .build(), context);
    }

    @Override
    public UpdateControl<QdrantCluster> reconcile(QdrantCluster cluster, Context<QdrantCluster> context) {
        ResourceID primary = ResourceID.fromResource(cluster);
        for (HasMetadata desired : DesiredClusterObjects.of(ClusterContext.steady(cluster, defaults))) {
            apply(primary, desired, context);
        }
        ClusterPhase before = cluster.getStatus() == null ? null : cluster.getStatus().getPhase();
        boolean healthy = healthy(cluster);
        ClusterPhase phase = healthy ? ClusterPhase.HEALTHY
                : before == ClusterPhase.HEALTHY || before == ClusterPhase.NOT_READY ? ClusterPhase.NOT_READY
                : ClusterPhase.CREATING;
        UpdateControl<QdrantCluster> control;
        if (phase == before) {
            control = UpdateControl.noUpdate();
        } else {
            QdrantClusterStatus status = new QdrantClusterStatus();
            status.setPhase(phase);
            status.setReason(healthy ? "" : "waiting for " + cluster.getSpec().getSize()
                    + " nodes to be ready and in consensus");
            status.setObservedGeneration(cluster.getMetadata().getGeneration());
            cluster.setStatus(status);
            control = UpdateControl.patchStatus(cluster);
        }
        return healthy ? control : control.rescheduleAfter(IN_PROGRESS);
    }

    /** Creates the object if the cache lacks it; never updates (see the class comment). */
    @SuppressWarnings("unchecked")
    private <R extends HasMetadata> void apply(ResourceID primary, R desired, Context<QdrantCluster> context) {
        InformerEventSource<R, QdrantCluster> source = (InformerEventSource<R, QdrantCluster>) owned.get(desired.getClass());
        if (source == null) {
            throw new IllegalStateException("no event source for " + desired.getKind());
        }
        R actual = source.get(ResourceID.fromResource(desired)).orElse(null);
        if (actual == null) {
            R created = context.getClient().resource(desired).create();
            source.handleRecentResourceCreate(primary, created);
        }
    }

    /** Our lifecycle's definition: one ready, non-terminating pod per node and settled consensus of that many peers. */
    private boolean healthy(QdrantCluster cluster) {
        String id = cluster.getSpec().getId();
        int size = cluster.getSpec().getSize();
        List<Pod> clusterPods = pods.list(cluster.getMetadata().getNamespace(),
                pod -> id.equals(labels(pod).get(QdrantApi.Labels.CLUSTER_ID))).toList();
        boolean allReady = clusterPods.size() == size && clusterPods.stream().allMatch(FloorQdrantClusterReconciler::ready);
        if (!allReady) {
            return false;
        }
        QdrantClient node = new QdrantClient(endpoints.endpoint(cluster.getMetadata().getNamespace(), new ClusterNames(id),
                0, false), null, http, Duration.ofSeconds(2));
        try {
            ClusterInfo info = node.cluster();
            return info.peers().size() == size && info.pendingOperations() == 0 && info.leaderPeer().isPresent();
        } catch (QdrantApiException e) {
            return false;
        }
    }

    private static boolean ready(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static Map<String, String> labels(HasMetadata object) {
        return object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels();
    }
}
