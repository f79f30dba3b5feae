package io.qdranthybrid.harness.kube.controllers.gc;

import io.qdranthybrid.harness.kube.controllers.machinery.ControllersSettled;
import io.qdranthybrid.harness.kube.controllers.StorageTestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.qdranthybrid.harness.kube.controllers.machinery.SharedInformers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GarbageCollectorTest {

    private static final String NS = "qdrant-a";

    private StorageTestCluster cluster;
    private KubernetesClient client;
    private GarbageCollector collector;

    @BeforeEach
    void startCollector() {
        cluster = new StorageTestCluster();
        client = cluster.client();
        collector = GarbageCollector.forHarnessKinds(client, List.of(StorageTestCluster.QDRANT_CLUSTER));
        collector.start();
    }

    @AfterEach
    void stopCollector() {
        collector.stop();
        cluster.close();
    }

    @Test
    void dependentsAreDeletedOnceTheirOwnerIsDeleted() {
        StatefulSet sts = client.resource(statefulSet("db")).create();
        client.resource(pod("db-0", owner(sts, true))).create();
        client.resource(pod("db-1", owner(sts, true))).create();
        client.resource(service("db-headless", owner(sts, false))).create();

        client.resource(sts).delete();

        await().untilAsserted(() -> {
            assertThat(client.pods().inNamespace(NS).list().getItems()).isEmpty();
            assertThat(client.services().inNamespace(NS).withName("db-headless").get()).isNull();
        });
    }

    @Test
    void deletionCascadesFromACustomResourceThroughItsStatefulSetToThePods() {
        GenericKubernetesResource qdrant = client.genericKubernetesResources(StorageTestCluster.QDRANT_CLUSTER.context())
                .inNamespace(NS).resource(qdrantCluster("prod")).create();
        StatefulSet sts = client.resource(withOwner(statefulSet("prod"), owner(qdrant, true))).create();
        client.resource(pod("prod-0", owner(sts, true))).create();
        ConfigMap config = client.resource(configMap("prod-config", owner(qdrant, true))).create();

        client.resource(qdrant).delete();

        await().untilAsserted(() -> {
            assertThat(client.apps().statefulSets().inNamespace(NS).withName("prod").get()).isNull();
            assertThat(client.configMaps().inNamespace(NS).withName(config.getMetadata().getName()).get()).isNull();
            assertThat(client.pods().inNamespace(NS).withName("prod-0").get()).isNull();
        });
    }

    @Test
    void dependentWithALiveOwnerSurvivesAndLosesOnlyTheReferenceToTheDeletedOwner() {
        ConfigMap first = client.resource(configMap("first")).create();
        ConfigMap second = client.resource(configMap("second")).create();
        client.resource(configMap("shared", owner(first, false), owner(second, false))).create();

        client.resource(first).delete();

        await().untilAsserted(() -> assertThat(client.configMaps().inNamespace(NS).withName("shared").get()
                .getMetadata().getOwnerReferences()).extracting(OwnerReference::getName).containsExactly("second"));

        client.resource(second).delete();
        await().untilAsserted(() -> assertThat(client.configMaps().inNamespace(NS).withName("shared").get()).isNull());
    }

    @Test
    void claimsFromVolumeClaimTemplatesHaveNoOwnerAndOutliveTheirStatefulSet() {
        StatefulSet sts = client.resource(statefulSet("db")).create();
        client.resource(pod("db-0", owner(sts, true))).create();
        client.resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName("storage-db-0").withNamespace(NS)
                .endMetadata().withNewSpec().withNewResources().addToRequests("storage", new io.fabric8.kubernetes.api.model.Quantity("1Gi"))
                .endResources().endSpec().build()).create();

        client.resource(sts).delete();

        await().untilAsserted(() -> assertThat(client.pods().inNamespace(NS).withName("db-0").get()).isNull());
        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(NS).withName("storage-db-0").get();
        assertThat(claim).isNotNull();
    }

    @Test
    void dependentOfAnOwnerRecreatedUnderTheSameNameIsCollected() {
        ConfigMap original = client.resource(configMap("owner")).create();
        OwnerReference staleReference = owner(original, false);
        client.resource(original).delete();
        await().untilAsserted(() -> assertThat(client.configMaps().inNamespace(NS).withName("owner").get()).isNull());
        ConfigMap recreated = client.resource(configMap("owner")).create();
        assertThat(recreated.getMetadata().getUid()).isNotEqualTo(original.getMetadata().getUid());

        client.resource(configMap("orphan", staleReference)).create();

        await().untilAsserted(() -> assertThat(client.configMaps().inNamespace(NS).withName("orphan").get()).isNull());
        assertThat(client.configMaps().inNamespace(NS).withName("owner").get()).isNotNull();
    }

    @Test
    void pausedCollectorDeletesNothingUntilResumed() {
        StatefulSet sts = client.resource(statefulSet("db")).create();
        client.resource(pod("db-0", owner(sts, true))).create();
        collector.pause();

        client.resource(sts).delete();

        ControllersSettled.awaitSeen(cluster.server(), collector);
        assertThat(collector.queuedKeys()).as("work the paused collector holds").isPositive();
        assertThat(client.pods().inNamespace(NS).withName("db-0").get()).isNotNull();
        collector.resume();
        await().untilAsserted(() -> assertThat(client.pods().inNamespace(NS).withName("db-0").get()).isNull());
    }

    @Test
    void foregroundDeletionWaitsForBlockingDependentsBeforeReleasingTheOwner() {
        StatefulSet sts = client.resource(statefulSet("db")).create();
        // A dependent held by someone else's finalizer keeps blocking its owner, as on a real cluster.
        client.resource(new PodBuilder(pod("db-0", owner(sts, true)))
                .editMetadata().addToFinalizers("example.com/hold").endMetadata().build()).create();
        client.resource(pod("db-1", owner(sts, true))).create();

        client.apps().statefulSets().inNamespace(NS).withName("db").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

        await().untilAsserted(() -> {
            assertThat(client.pods().inNamespace(NS).withName("db-1").get()).isNull();
            assertThat(client.pods().inNamespace(NS).withName("db-0").get().getMetadata().getDeletionTimestamp()).isNotNull();
        });
        ControllersSettled.await(cluster.server(), collector);
        assertThat(client.apps().statefulSets().inNamespace(NS).withName("db").get())
                .as("the owner while a dependent is still terminating").isNotNull();

        client.pods().inNamespace(NS).withName("db-0").edit(p -> new PodBuilder(p).editMetadata().withFinalizers().endMetadata().build());

        await().untilAsserted(() -> assertThat(client.apps().statefulSets().inNamespace(NS).withName("db").get()).isNull());
    }

    @Test
    void orphanDeletionKeepsDependentsAndStripsTheirReference() {
        ConfigMap owner = client.resource(configMap("owner")).create();
        client.resource(configMap("kept", owner(owner, true))).create();

        client.configMaps().inNamespace(NS).withName("owner").withPropagationPolicy(DeletionPropagation.ORPHAN).delete();

        await().untilAsserted(() -> assertThat(client.configMaps().inNamespace(NS).withName("owner").get()).isNull());
        ConfigMap kept = client.configMaps().inNamespace(NS).withName("kept").get();
        assertThat(kept).isNotNull();
        assertThat(kept.getMetadata().getOwnerReferences()).isEmpty();
    }

    @Test
    void orphanDeletionKeepsADependentWhoseInformerLagsBehindTheOwners() throws InterruptedException {
        collector.stop();
        SharedInformers informers = new SharedInformers(client);
        CountDownLatch podsHeldBack = new CountDownLatch(1);
        // Added before the collector's own handler, so while it waits the collector sees no pod event either.
        informers.typed(Pod.class).addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                if (pod.getMetadata().getName().equals("late")) {
                    awaitQuietly(podsHeldBack);
                }
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
            }
        });
        collector = GarbageCollector.forHarnessKinds(informers, List.of(StorageTestCluster.QDRANT_CLUSTER));
        collector.start();
        try {
            ConfigMap owner = client.resource(configMap("owner")).create();
            client.resource(pod("late", owner(owner, true))).create();

            client.configMaps().inNamespace(NS).withName("owner").withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
            await().untilAsserted(() -> assertThat(client.configMaps().inNamespace(NS).withName("owner").get()).isNull());
        } finally {
            podsHeldBack.countDown();
        }
        // A pod created after "late" with a dangling owner: once it is collected, the collector has seen "late" too.
        client.resource(pod("marker", new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap")
                .withName("gone").withUid("0000-gone").build())).create();
        await().untilAsserted(() -> assertThat(client.pods().inNamespace(NS).withName("marker").get()).isNull());

        ControllersSettled.await(cluster.server(), collector);
        Pod late = client.pods().inNamespace(NS).withName("late").get();
        assertThat(late).isNotNull();
        assertThat(late.getMetadata().getOwnerReferences()).isEmpty();
        collector.stop();
        informers.close();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void dependentOwnedByAKindTheCollectorDoesNotWatchIsKept() {
        ConfigMap cm = client.resource(configMap("foreign", new OwnerReferenceBuilder().withApiVersion("example.com/v1")
                .withKind("Widget").withName("w").withUid("0000-widget").build())).create();

        ControllersSettled.await(cluster.server(), collector);
        assertThat(client.configMaps().inNamespace(NS).withName("foreign").get()).isNotNull();
        assertThat(cm.getMetadata().getUid()).isNotBlank();
    }

    private static OwnerReference owner(HasMetadata owner, boolean controller) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(controller)
                .withBlockOwnerDeletion(controller)
                .build();
    }

    private static StatefulSet statefulSet(String name) {
        return new StatefulSetBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(1).withServiceName(name).endSpec().build();
    }

    private static <T extends HasMetadata> T withOwner(T object, OwnerReference owner) {
        object.getMetadata().setOwnerReferences(List.of(owner));
        return object;
    }

    private static Pod pod(String name, OwnerReference owner) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).withOwnerReferences(owner).endMetadata()
                .withNewSpec().addNewContainer().withName("qdrant").withImage("qdrant/qdrant:v1.12.3").endContainer().endSpec()
                .build();
    }

    private static Service service(String name, OwnerReference owner) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(NS).withOwnerReferences(owner).endMetadata()
                .withNewSpec().withClusterIP("None").endSpec().build();
    }

    private static ConfigMap configMap(String name, OwnerReference... owners) {
        ConfigMapBuilder builder = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .addToData("k", "v");
        for (OwnerReference owner : owners) {
            builder.editMetadata().addToOwnerReferences(owner).endMetadata();
        }
        return builder.build();
    }

    private static GenericKubernetesResource qdrantCluster(String name) {
        return new GenericKubernetesResourceBuilder().withApiVersion("qdrant.io/v1").withKind("QdrantCluster")
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .addToAdditionalProperties("spec", java.util.Map.of("id", name, "size", 3, "version", "v1.12.3")).build();
    }
}
