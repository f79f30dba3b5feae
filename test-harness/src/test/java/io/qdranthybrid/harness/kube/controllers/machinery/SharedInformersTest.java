package io.qdranthybrid.harness.kube.controllers.machinery;

import io.qdranthybrid.harness.kube.controllers.gc.GarbageCollectedKind;
import io.qdranthybrid.harness.kube.controllers.gc.GarbageCollector;
import io.qdranthybrid.harness.kube.controllers.SimulatedControllerTestCluster;
import io.qdranthybrid.harness.kube.controllers.storage.SimulatedStorageClasses;
import io.qdranthybrid.harness.kube.controllers.statefulset.StatefulSetController;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.harness.kube.SimulatedApiServer;
import io.qdranthybrid.harness.kube.Verb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SharedInformersTest {

    private static final String NAMESPACE = SimulatedControllerTestCluster.NAMESPACE;

    private SimulatedApiServer api;
    private KubernetesClient client;
    private SharedInformers informers;

    @BeforeEach
    void startApiServer() {
        api = SimulatedApiServer.start();
        client = api.newClient(NAMESPACE);
        client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
        informers = new SharedInformers(client);
    }

    @AfterEach
    void stop() {
        informers.close();
        client.close();
        api.close();
    }

    @Test
    void aMetadataReaderGetsTheTypedInformerOfABuiltInKindAndAGenericOneOtherwise() {
        var pods = GarbageCollectedKind.namespaced("v1", "Pod", "pods").context();
        assertThat(informers.forMetadataOf(pods)).isSameAs(informers.typed(Pod.class));
        assertThat(informers.forMetadataOf(SimulatedStorageClasses.VOLUME_SNAPSHOTS))
                .isSameAs(informers.generic(SimulatedStorageClasses.VOLUME_SNAPSHOTS));
        assertThat(informers.size()).isEqualTo(2);
    }

    @Test
    void controllersOnSharedInformersWatchEachKindOnceAndOneStoppingLeavesTheOthersInformed() {
        StatefulSetController statefulSets = new StatefulSetController(informers, 1, Clock.systemUTC());
        GarbageCollector collector = GarbageCollector.forHarnessKinds(informers, List.of());
        statefulSets.start();
        collector.start();

        client.resource(SimulatedControllerTestCluster.statefulSet("web", 1).build()).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> pod("web-0") != null);
        // Both controllers follow pods and StatefulSets, yet each kind has a single watch: once both have acted
        // on the pod, which reaches them only through a watch, every watch either of them needs is open.
        ControllersSettled.await(api, statefulSets, collector);
        assertThat(api.journal().count(Verb.WATCH, "pods")).as("watches of pods").isEqualTo(1);
        assertThat(api.journal().count(Verb.WATCH, "statefulsets")).as("watches of StatefulSets").isEqualTo(1);

        // The StatefulSet controller stopping must not stop the informers the collector still uses.
        statefulSets.stop();
        client.apps().statefulSets().inNamespace(NAMESPACE).withName("web").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> pod("web-0") == null);
        assertThat(informers.typed(Pod.class).isRunning()).isTrue();

        collector.stop();
        informers.close();
        assertThat(informers.typed(Pod.class).isRunning()).isFalse();
    }

    private Pod pod(String name) {
        return client.pods().inNamespace(NAMESPACE).withName(name).get();
    }
}
