package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterStatus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test reconciler: gives each QdrantCluster an owned ConfigMap (its size) and Service, and a Reconciled condition,
 * through the SDK's write helpers; counts reconciles and cleanups per cluster.
 */
final class OwnedObjectsReconciler implements Reconciler<QdrantCluster> {

    static final String RECONCILED = "Reconciled";

    private final ResourceApplier applier;
    private final StatusUpdater status;
    private final Conditions conditions = new Conditions(Clock.systemUTC());
    private final Map<ResourceKey, AtomicInteger> reconciles = new ConcurrentHashMap<>();
    private final java.util.Set<ResourceKey> forgotten = ConcurrentHashMap.newKeySet();
    final List<ResourceKey> cleanedUp = new CopyOnWriteArrayList<>();

    OwnedObjectsReconciler(KubernetesClient client) {
        this.applier = new ResourceApplier(client);
        this.status = new StatusUpdater(client);
    }

    static String configMapName(String cluster) {
        return cluster + "-config";
    }

    static String serviceName(String cluster) {
        return cluster + "-api";
    }

    @Override
    public ReconcileResult reconcile(QdrantCluster cluster) {
        String namespace = cluster.getMetadata().getNamespace();
        String name = cluster.getMetadata().getName();
        ConfigMap config = new ConfigMapBuilder()
                .withNewMetadata().withNamespace(namespace).withName(configMapName(name)).addToLabels("cluster-id", name).endMetadata()
                .addToData("size", String.valueOf(cluster.getSpec().getSize()))
                .build();
        Service service = new ServiceBuilder()
                .withNewMetadata().withNamespace(namespace).withName(serviceName(name)).addToLabels("cluster-id", name).endMetadata()
                .withNewSpec().addToSelector("cluster-id", name).addNewPort().withName("http").withPort(6333).endPort().endSpec()
                .build();
        applier.apply(OwnerReferences.setController(config, cluster));
        applier.apply(OwnerReferences.setController(service, cluster));
        status.updateStatus(cluster, (QdrantCluster copy) -> {
            if (copy.getStatus() == null) {
                copy.setStatus(new QdrantClusterStatus());
            }
            copy.getStatus().setPhase(ClusterPhase.CREATING);
            List<io.fabric8.kubernetes.api.model.Condition> list = copy.getStatus().getConditions() == null
                    ? new ArrayList<>() : new ArrayList<>(copy.getStatus().getConditions());
            conditions.set(list, RECONCILED, Conditions.TRUE, "ObjectsApplied", "config and service applied",
                    copy.getMetadata().getGeneration());
            copy.getStatus().setConditions(list);
        });
        reconciles.computeIfAbsent(ResourceKey.of(cluster), key -> new AtomicInteger()).incrementAndGet();
        return ReconcileResult.done();
    }

    @Override
    public ReconcileResult cleanup(QdrantCluster cluster) {
        cleanedUp.add(ResourceKey.of(cluster));
        return ReconcileResult.done();
    }

    @Override
    public void forget(ResourceKey key) {
        forgotten.add(key);
    }

    /** Whether the controller told this reconciler the cluster is gone. */
    boolean forgot(ResourceKey key) {
        return forgotten.contains(key);
    }

    /** Finished reconciles of this cluster. */
    int reconciles(ResourceKey key) {
        AtomicInteger count = reconciles.get(key);
        return count == null ? 0 : count.get();
    }
}
