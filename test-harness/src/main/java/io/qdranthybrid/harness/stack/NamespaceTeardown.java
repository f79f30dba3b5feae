package io.qdranthybrid.harness.stack;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.qdranthybrid.crd.QdrantApi;
import io.qdranthybrid.harness.cluster.ClusterUnderTest;
import io.qdranthybrid.harness.kube.controllers.helm.SimulatedHelmController;
import io.qdranthybrid.harness.kube.controllers.storage.SimulatedStorageClasses;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Removes everything a test left in its namespace, then the namespace. The simulated API server has no namespace
 * controller, so deleting the namespace alone would leave its pods (and their simulated Qdrant nodes) running: the
 * workloads are deleted first and the pods awaited, which k3s's own namespace controller would have done anyway.
 */
public final class NamespaceTeardown {

    private static final Logger LOG = LoggerFactory.getLogger(NamespaceTeardown.class);

    private static final List<Class<? extends HasMetadata>> WORKLOAD_KINDS = List.of(StatefulSet.class, Service.class,
            ConfigMap.class, Secret.class, PodDisruptionBudget.class, NetworkPolicy.class, Ingress.class, Lease.class);

    private NamespaceTeardown() {
    }

    /**
     * Deletes the namespace's qdrant.io resources, component releases, volume snapshots and workloads, waits up to
     * {@code timeout} for its pods and volume claims to be gone, and deletes the namespace.
     *
     * @return false when something was still there after the timeout (logged; the namespace is deleted anyway)
     */
    public static boolean deleteEverything(ClusterUnderTest cluster, String namespace, Duration timeout) {
        KubernetesClient client = cluster.client();
        List<ResourceDefinitionContext> customKinds = new ArrayList<>();
        QdrantApi.KINDS.forEach(kind -> customKinds.add(ResourceDefinitionContext.fromResourceType(kind)));
        customKinds.add(SimulatedHelmController.HELM_RELEASES);
        customKinds.add(SimulatedHelmController.HELM_REPOSITORIES);
        customKinds.add(SimulatedStorageClasses.VOLUME_SNAPSHOTS);
        for (ResourceDefinitionContext kind : customKinds) {
            ignoringMissingKind(() -> client.genericKubernetesResources(kind).inNamespace(namespace).delete());
        }
        for (Class<? extends HasMetadata> kind : WORKLOAD_KINDS) {
            ignoringMissingKind(() -> client.resources(kind).inNamespace(namespace).delete());
        }
        boolean clean = true;
        try {
            // Pods go with their StatefulSets (garbage collection), claims once no pod uses them.
            await("pods of " + namespace + " gone").atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> client.pods().inNamespace(namespace).list().getItems().isEmpty());
            ignoringMissingKind(() -> client.resources(PersistentVolumeClaim.class).inNamespace(namespace).delete());
            await("volume claims of " + namespace + " gone").atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> client.persistentVolumeClaims().inNamespace(namespace).list().getItems().isEmpty());
        } catch (ConditionTimeoutException e) {
            clean = false;
            LOG.warn("Namespace {} still holds {} pods and {} claims after {}", namespace,
                    client.pods().inNamespace(namespace).list().getItems().size(),
                    client.persistentVolumeClaims().inNamespace(namespace).list().getItems().size(), timeout);
        }
        client.namespaces().withName(namespace).delete();
        return clean;
    }

    private static void ignoringMissingKind(Runnable deletion) {
        try {
            deletion.run();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }
}
