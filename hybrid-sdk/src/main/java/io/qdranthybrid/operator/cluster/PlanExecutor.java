package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdranthybrid.qdrant.QdrantClient;
import io.qdranthybrid.reconcile.ApplyOutcome;
import io.qdranthybrid.reconcile.ResourceApplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Performs a {@link ClusterPlan}: its actions in order, then the desired objects, writing only what differs. */
public final class PlanExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(PlanExecutor.class);

    private final KubernetesClient client;
    private final ClusterReads reads;
    private final ResourceApplier applier;
    /**
     * Per cluster, per owned object: the desired and live objects last found to match. Caches hand out the same live
     * object until it changes and the lifecycle the same desired object until its inputs change, so the same pair
     * seen again needs no comparison (which meant serialising both).
     */
    private final Map<String, Map<String, Verified>> verified = new ConcurrentHashMap<>();

    private record Verified(HasMetadata desired, HasMetadata actual) {
    }

    public PlanExecutor(KubernetesClient client, ClusterReads reads) {
        this.client = client;
        this.reads = reads;
        this.applier = new ResourceApplier(client);
    }

    /**
     * @param qdrant a client for a node in consensus, needed only by shard and peer actions
     * @return the objects whose apply created or changed something
     */
    public List<String> execute(ClusterPlan plan, String namespace, ClusterNames names, Supplier<Optional<QdrantClient>> qdrant) {
        for (PlannedAction action : plan.actions()) {
            perform(action, namespace, names, qdrant);
        }
        List<String> changed = new ArrayList<>();
        plan.apply().ifPresent(ctx -> {
            Map<String, Verified> matches = verified.computeIfAbsent(namespace + "/" + ctx.cluster().getMetadata().getName(),
                    k -> new ConcurrentHashMap<>());
            for (HasMetadata desired : plan.desired()) {
                HasMetadata actual = reads.current(desired.getClass(), namespace, desired.getMetadata().getName()).orElse(null);
                String object = desired.getKind() + "/" + desired.getMetadata().getName();
                Verified last = matches.get(object);
                if (actual != null && last != null && last.desired() == desired && last.actual() == actual) {
                    continue;
                }
                ApplyOutcome outcome = applier.apply(desired, actual);
                if (outcome == ApplyOutcome.UNCHANGED) {
                    matches.put(object, new Verified(desired, actual));
                } else {
                    matches.remove(object);
                    changed.add(object + " " + outcome);
                }
            }
            removeObsoleteNodeServices(ctx, namespace, names);
        });
        return changed;
    }

    /** Drops what is remembered about a deleted cluster. */
    public void forget(String namespace, String name) {
        verified.remove(namespace + "/" + name);
    }

    private void perform(PlannedAction action, String namespace, ClusterNames names, Supplier<Optional<QdrantClient>> qdrant) {
        String cluster = namespace + "/" + names.id();
        if (action instanceof PlannedAction.RunShardActions run) {
            QdrantClient node = qdrant.get().orElseThrow(() -> new IllegalStateException(
                    cluster + ": no Qdrant node answers, cannot move shards"));
            for (ShardAction shard : run.actions()) {
                LOG.info("{}: {}", cluster, shard);
                if (shard instanceof ShardAction.Move move) {
                    node.moveShard(move.collection(), move.shardId(), move.fromPeer(), move.toPeer());
                } else if (shard instanceof ShardAction.Replicate replicate) {
                    node.replicateShard(replicate.collection(), replicate.shardId(), replicate.fromPeer(), replicate.toPeer());
                } else if (shard instanceof ShardAction.DropReplica drop) {
                    node.dropReplica(drop.collection(), drop.shardId(), drop.peerId());
                }
            }
        } else if (action instanceof PlannedAction.RemovePeer remove) {
            QdrantClient node = qdrant.get().orElseThrow(() -> new IllegalStateException(
                    cluster + ": no Qdrant node answers, cannot remove peer " + remove.peerId()));
            LOG.info("{}: removing drained peer {} (node {}) from consensus", cluster, remove.peerId(), remove.ordinal());
            node.removePeer(remove.peerId(), false);
        } else if (action instanceof PlannedAction.MarkClaimsOfRemovedPeer mark) {
            for (String claim : List.of(names.databaseClaim(mark.ordinal()), names.snapshotsClaim(mark.ordinal()))) {
                var resource = client.persistentVolumeClaims().inNamespace(namespace).withName(claim);
                PersistentVolumeClaim current = resource.get();
                if (current != null && (current.getMetadata().getAnnotations() == null
                        || !current.getMetadata().getAnnotations().containsKey(ClusterObserver.REMOVED_PEER))) {
                    resource.edit(pvc -> {
                        pvc.getMetadata().getAnnotations().put(ClusterObserver.REMOVED_PEER, Long.toString(mark.peerId()));
                        return pvc;
                    });
                }
            }
        } else if (action instanceof PlannedAction.DeleteClaims delete) {
            LOG.info("{}: deleting the stale volumes of node {} so it starts as a fresh peer", cluster, delete.ordinal());
            client.persistentVolumeClaims().inNamespace(namespace)
                    .withName(names.databaseClaim(delete.ordinal())).delete();
            client.persistentVolumeClaims().inNamespace(namespace)
                    .withName(names.snapshotsClaim(delete.ordinal())).delete();
        } else if (action instanceof PlannedAction.DeletePod delete) {
            LOG.info("{}: restarting pod {}", cluster, delete.podName());
            client.pods().inNamespace(namespace).withName(delete.podName()).delete();
        } else if (action instanceof PlannedAction.ResizeClaim resize) {
            LOG.info("{}: growing volume {} to {}", cluster, resize.claimName(), resize.size());
            var claim = client.persistentVolumeClaims().inNamespace(namespace).withName(resize.claimName());
            try {
                claim.edit(pvc -> {
                    pvc.getSpec().getResources().setRequests(Map.of("storage", new Quantity(resize.size())));
                    return pvc;
                });
            } catch (KubernetesClientException e) {
                if (!ClaimResizeRefusal.isRefusedByStorageClass(e)) {
                    throw e;
                }
                // Without read access to StorageClasses the operator learns it only now: the claim remembers the
                // refusal, so the next reconcile reports it instead of patching into the same 403 again.
                LOG.info("{}: volume {} cannot grow, its StorageClass does not allow expansion", cluster,
                        resize.claimName());
                claim.edit(pvc -> {
                    pvc.getMetadata().getAnnotations().put(ClaimResizeRefusal.ANNOTATION, resize.size());
                    return pvc;
                });
            }
        } else if (action instanceof PlannedAction.OrphanStatefulSet) {
            LOG.info("{}: recreating StatefulSet {} (keeping its pods) to take new volume sizes", cluster, names.statefulSet());
            client.apps().statefulSets().inNamespace(namespace).withName(names.statefulSet())
                    .withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
        } else if (action instanceof PlannedAction.DeleteOwnedObjects) {
            LOG.info("{}: suspending, deleting everything but the volumes", cluster);
            deleteIfPresent(StatefulSet.class, namespace, names.statefulSet());
            deleteIfPresent(Service.class, namespace, names.clientService());
            deleteIfPresent(Service.class, namespace, names.headlessService());
            client.services().inNamespace(namespace).withLabels(names.selector()).delete();
            deleteIfPresent(ConfigMap.class, namespace, names.configMap());
            deleteIfPresent(PodDisruptionBudget.class, namespace, names.podDisruptionBudget());
            deleteIfPresent(NetworkPolicy.class, namespace, names.networkPolicy());
            deleteIfPresent(Ingress.class, namespace, names.ingress());
            client.pods().inNamespace(namespace).withLabels(names.selector()).delete();
        }
    }

    private <T extends HasMetadata> void deleteIfPresent(Class<T> type, String namespace, String name) {
        if (reads.current(type, namespace, name).isPresent()) {
            client.resources(type).inNamespace(namespace).withName(name).delete();
        }
    }

    /** Per-node Services of nodes that no longer exist (after a scale-down, or servicePerNode switched off). */
    private void removeObsoleteNodeServices(ClusterContext ctx, String namespace, ClusterNames names) {
        int keep = Boolean.FALSE.equals(ctx.spec().getServicePerNode()) ? 0 : ctx.replicas();
        for (Service service : reads.services(namespace, names.selector())) {
            int ordinal = ClusterObserver.ordinal(service.getMetadata().getName(), names);
            if (ordinal >= keep) {
                applier.delete(service);
            }
        }
    }
}
