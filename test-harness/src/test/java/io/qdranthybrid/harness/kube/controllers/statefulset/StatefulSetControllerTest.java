package io.qdranthybrid.harness.kube.controllers.statefulset;

import io.qdranthybrid.harness.kube.controllers.machinery.ControllersSettled;
import io.qdranthybrid.harness.kube.controllers.KubeletFakeRuntime;
import io.qdranthybrid.harness.kube.controllers.machinery.PodState;
import io.qdranthybrid.harness.kube.controllers.SimulatedControllerTestCluster;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.qdranthybrid.harness.kube.ApiCall;
import io.qdranthybrid.harness.kube.Verb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.qdranthybrid.harness.kube.controllers.SimulatedControllerTestCluster.NAMESPACE;
import static io.qdranthybrid.harness.kube.controllers.SimulatedControllerTestCluster.statefulSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StatefulSetControllerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(8);

    private SimulatedControllerTestCluster cluster;
    private final List<AutoCloseable> watches = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCluster() {
        cluster = new SimulatedControllerTestCluster();
    }

    @AfterEach
    void stopCluster() throws Exception {
        for (AutoCloseable watch : watches) {
            watch.close();
        }
        cluster.close();
    }

    /** Records the pod events of the namespace in order, with how many pods of the set were not ready at each. */
    private final class PodTimeline implements Watcher<Pod> {
        final List<String> added = new CopyOnWriteArrayList<>();
        final List<String> deleted = new CopyOnWriteArrayList<>();
        final List<String> violations = new CopyOnWriteArrayList<>();
        final Map<String, Boolean> readiness = new ConcurrentHashMap<>();
        final AtomicInteger maxNotReady = new AtomicInteger();
        private final int replicas;

        PodTimeline(int replicas) {
            this.replicas = replicas;
            Watch watch = cluster.client.pods().inNamespace(NAMESPACE).watch(this);
            watches.add(watch::close);
        }

        @Override
        public synchronized void eventReceived(Action action, Pod pod) {
            String name = pod.getMetadata().getName();
            switch (action) {
                case ADDED -> {
                    added.add(name);
                    int ordinal = Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
                    String prefix = name.substring(0, name.lastIndexOf('-') + 1);
                    for (int lower = 0; lower < ordinal; lower++) {
                        if (!readiness.getOrDefault(prefix + lower, false)) {
                            violations.add(name + " created while " + prefix + lower + " was not ready");
                        }
                    }
                    readiness.put(name, PodState.isRunningAndReady(pod));
                }
                case MODIFIED -> readiness.put(name, PodState.isRunningAndReady(pod));
                case DELETED -> {
                    deleted.add(name);
                    readiness.remove(name);
                }
                default -> { }
            }
            int ready = (int) readiness.values().stream().filter(Boolean::booleanValue).count();
            if (!added.isEmpty() && added.size() >= replicas) {
                maxNotReady.accumulateAndGet(replicas - ready, Math::max);
            }
        }

        @Override
        public void onClose(WatcherException cause) {
        }
    }

    @Test
    void podsAreCreatedOneByOneInOrdinalOrderEachAfterThePreviousIsReady() {
        PodTimeline timeline = new PodTimeline(3);
        cluster.runtime.failProbe("web-1", KubeletFakeRuntime.READINESS_PATH);

        cluster.create(statefulSet("web", 3).build());

        await().atMost(TIMEOUT).until(() -> cluster.pod("web-1") != null
                && "Running".equals(PodState.phase(cluster.pod("web-1"))));
        cluster.awaitSettled();
        assertThat(cluster.pod("web-2")).as("a pod created while web-1 is not ready").isNull();

        cluster.runtime.passProbe("web-1", KubeletFakeRuntime.READINESS_PATH);
        await().atMost(TIMEOUT).until(() -> cluster.allReady("web", 3));
        assertThat(timeline.added).containsExactly("web-0", "web-1", "web-2");
        assertThat(timeline.violations).isEmpty();
    }

    @Test
    void claimsAreCreatedFromTemplatesBeforeTheirPodsAndKeptAfterScaleDownAndDeletion() {
        cluster.bindClaimsAutomatically();
        cluster.create(statefulSet("db", 3).editSpec().withVolumeClaimTemplates(claimTemplate("data")).endSpec().build());
        await().atMost(TIMEOUT).until(() -> cluster.allReady("db", 3));

        for (int ordinal = 0; ordinal < 3; ordinal++) {
            String claim = "data-db-" + ordinal;
            PersistentVolumeClaim created = cluster.client.persistentVolumeClaims().withName(claim).get();
            assertThat(created.getMetadata().getLabels()).containsEntry("app", "db");
            assertThat(created.getMetadata().getOwnerReferences()).isEmpty();
            assertThat(cluster.pod("db-" + ordinal).getSpec().getVolumes())
                    .anySatisfy(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo(claim));
        }
        assertThat(claimsCreatedBeforeEachPodCreate()).containsExactly(1, 2, 3);

        scale("db", 1);
        await().atMost(TIMEOUT).until(() -> cluster.pod("db-1") == null && cluster.pod("db-2") == null);
        cluster.client.apps().statefulSets().withName("db").delete();
        cluster.awaitSettled();
        assertThat(cluster.client.persistentVolumeClaims().list().getItems()).as("claims kept").hasSize(3);
    }

    @Test
    void claimsOfAStatefulSetWithDeleteRetentionAreOwnedByIt() {
        cluster.bindClaimsAutomatically();
        cluster.create(statefulSet("db", 2).editSpec().withVolumeClaimTemplates(claimTemplate("data"))
                .withNewPersistentVolumeClaimRetentionPolicy().withWhenDeleted("Delete").withWhenScaled("Delete")
                .endPersistentVolumeClaimRetentionPolicy().endSpec().build());
        await().atMost(TIMEOUT).until(() -> cluster.allReady("db", 2));
        String setUid = cluster.get("db").getMetadata().getUid();
        assertThat(cluster.client.persistentVolumeClaims().withName("data-db-0").get().getMetadata().getOwnerReferences())
                .singleElement().satisfies(ref -> {
                    assertThat(ref.getKind()).isEqualTo("StatefulSet");
                    assertThat(ref.getUid()).isEqualTo(setUid);
                });
        String condemnedUid = cluster.pod("db-1").getMetadata().getUid();

        scale("db", 1);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(cluster.client.persistentVolumeClaims()
                .withName("data-db-1").get().getMetadata().getOwnerReferences())
                .anySatisfy(ref -> assertThat(ref.getUid()).isEqualTo(condemnedUid)));
    }

    @Test
    void scaleDownDeletesTheHighestOrdinalFirstOneAtATime() {
        cluster.create(statefulSet("web", 4).build());
        await().atMost(TIMEOUT).until(() -> cluster.allReady("web", 4));
        PodTimeline timeline = new PodTimeline(4);

        scale("web", 1);

        await().atMost(TIMEOUT).until(() -> timeline.deleted.size() == 3);
        assertThat(timeline.deleted).containsExactly("web-3", "web-2", "web-1");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(cluster.get("web").getStatus().getReplicas()).isEqualTo(1));
    }

    @Test
    void parallelPolicyCreatesAllPodsWithoutWaitingForReadiness() {
        for (int i = 0; i < 3; i++) {
            cluster.runtime.failProbe("par-" + i, KubeletFakeRuntime.READINESS_PATH);
        }
        cluster.create(statefulSet("par", 3).editSpec().withPodManagementPolicy("Parallel").endSpec().build());

        await().atMost(TIMEOUT).until(() -> cluster.client.pods().list().getItems().size() == 3);
        assertThat(cluster.client.pods().list().getItems()).noneMatch(PodState::isRunningAndReady);
    }

    @Test
    void rollingUpdateReplacesPodsFromHighestOrdinalDownWithNeverTwoNotReady() {
        cluster.create(statefulSet("web", 3).build());
        await().atMost(TIMEOUT).until(() -> cluster.allReady("web", 3));
        String oldRevision = cluster.get("web").getStatus().getCurrentRevision();
        PodTimeline timeline = new PodTimeline(3);

        editTemplate("web", set -> addEnv(set, "VERSION", "2"));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            StatefulSet set = cluster.get("web");
            assertThat(set.getStatus().getUpdatedReplicas()).isEqualTo(3);
            assertThat(set.getStatus().getReadyReplicas()).isEqualTo(3);
            assertThat(set.getStatus().getCurrentRevision()).isEqualTo(set.getStatus().getUpdateRevision())
                    .isNotEqualTo(oldRevision);
            assertThat(set.getStatus().getObservedGeneration()).isEqualTo(set.getMetadata().getGeneration());
        });
        assertThat(timeline.deleted).containsExactly("web-2", "web-1", "web-0");
        assertThat(timeline.maxNotReady.get()).isEqualTo(1);
        assertThat(cluster.runtime.launchesOf("web-0").get(1).env()).containsEntry("VERSION", "2");
    }

    @Test
    void rollingUpdateNeverTouchesOrdinalsBelowThePartition() {
        cluster.create(statefulSet("web", 3).editSpec().withNewUpdateStrategy().withType("RollingUpdate")
                .withNewRollingUpdate().withPartition(2).endRollingUpdate().endUpdateStrategy().endSpec().build());
        await().atMost(TIMEOUT).until(() -> cluster.allReady("web", 3));
        String oldRevision = cluster.get("web").getStatus().getCurrentRevision();

        editTemplate("web", set -> addEnv(set, "VERSION", "2"));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            StatefulSet set = cluster.get("web");
            assertThat(set.getStatus().getUpdatedReplicas()).isEqualTo(1);
            assertThat(set.getStatus().getCurrentReplicas()).isEqualTo(2);
            assertThat(set.getStatus().getCurrentRevision()).isEqualTo(oldRevision);
            assertThat(revision(cluster.pod("web-2"))).isEqualTo(set.getStatus().getUpdateRevision());
            assertThat(PodState.isRunningAndReady(cluster.pod("web-2"))).isTrue();
        });
        cluster.awaitSettled();
        assertThat(List.of(cluster.pod("web-0"), cluster.pod("web-1"))).as("pods below the partition")
                .allSatisfy(p -> assertThat(revision(p)).isEqualTo(oldRevision));

        // A pod below the partition that is deleted comes back on the old revision.
        cluster.client.pods().withName("web-0").delete();
        await().atMost(TIMEOUT).until(() -> cluster.isReady("web-0"));
        assertThat(revision(cluster.pod("web-0"))).isEqualTo(oldRevision);
        assertThat(cluster.runtime.launchesOf("web-0").get(1).env()).doesNotContainKey("VERSION");
    }

    @Test
    void onDeleteStrategyRecreatesOnlyDeletedPodsWithTheNewRevision() {
        cluster.create(statefulSet("web", 3).editSpec().withNewUpdateStrategy().withType("OnDelete").endUpdateStrategy()
                .endSpec().build());
        await().atMost(TIMEOUT).until(() -> cluster.allReady("web", 3));
        String oldRevision = cluster.get("web").getStatus().getCurrentRevision();

        editTemplate("web", set -> addEnv(set, "VERSION", "2"));
        await().atMost(TIMEOUT).until(() -> !oldRevision.equals(cluster.get("web").getStatus().getUpdateRevision()));
        String newRevision = cluster.get("web").getStatus().getUpdateRevision();
        cluster.awaitSettled();
        assertThat(cluster.client.pods().list().getItems()).as("pods nobody deleted")
                .allSatisfy(p -> assertThat(revision(p)).isEqualTo(oldRevision));

        cluster.client.pods().withName("web-1").delete();

        await().atMost(TIMEOUT).until(() -> cluster.pod("web-1") != null && newRevision.equals(revision(cluster.pod("web-1")))
                && cluster.isReady("web-1"));
        assertThat(revision(cluster.pod("web-0"))).isEqualTo(oldRevision);
        assertThat(revision(cluster.pod("web-2"))).isEqualTo(oldRevision);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(cluster.get("web").getStatus().getUpdatedReplicas()).isEqualTo(1));
    }

    @Test
    void aPodThatNeverBecomesReadyBlocksTheRollout() {
        cluster.runtime.neverReady("example/app:broken");
        cluster.create(statefulSet("web", 3).build());
        await().atMost(TIMEOUT).until(() -> cluster.allReady("web", 3));
        String oldRevision = cluster.get("web").getStatus().getCurrentRevision();

        editTemplate("web", set -> set.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("example/app:broken"));

        await().atMost(TIMEOUT).until(() -> cluster.pod("web-2") != null
                && "Running".equals(PodState.phase(cluster.pod("web-2")))
                && !oldRevision.equals(revision(cluster.pod("web-2"))));
        cluster.awaitSettled();
        assertThat(revision(cluster.pod("web-1"))).as("web-1 left on the old revision").isEqualTo(oldRevision);
        assertThat(cluster.isReady("web-1")).isTrue();
        assertThat(cluster.isReady("web-2")).isFalse();
        assertThat(cluster.get("web").getStatus().getReadyReplicas()).isEqualTo(2);
    }

    @Test
    void aDeletedPodIsRecreated() {
        cluster.create(statefulSet("web", 2).build());
        await().atMost(TIMEOUT).until(() -> cluster.allReady("web", 2));
        String firstUid = cluster.pod("web-0").getMetadata().getUid();

        cluster.client.pods().withName("web-0").delete();

        await().atMost(TIMEOUT).until(() -> cluster.pod("web-0") != null
                && !firstUid.equals(cluster.pod("web-0").getMetadata().getUid()) && cluster.isReady("web-0"));
        assertThat(cluster.runtime.launchesOf("web-0")).hasSize(2);
    }

    @Test
    void anOrphanedPodOfTheSetsNameAndSelectorIsAdoptedNotReplaced() {
        // What a StatefulSet deleted with propagationPolicy Orphan leaves behind: a pod of its name and current
        // revision, owned by nobody once the garbage collector removed its owner reference.
        cluster.create(statefulSet("web", 1).build());
        await().atMost(TIMEOUT).until(() -> cluster.allReady("web", 1));
        Pod running = cluster.client.pods().withName("web-0").edit(pod -> {
            pod.getMetadata().setOwnerReferences(new ArrayList<>());
            return pod;
        });

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Pod adopted = cluster.pod("web-0");
            assertThat(adopted.getMetadata().getUid()).as("the same pod").isEqualTo(running.getMetadata().getUid());
            assertThat(adopted.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
                assertThat(ref.getController()).isTrue();
                assertThat(ref.getUid()).isEqualTo(cluster.get("web").getMetadata().getUid());
            });
        });
        assertThat(cluster.runtime.launchesOf("web-0")).as("never restarted").hasSize(1);
    }

    @Test
    void podsCarryTheirIdentityLabelsOwnerAndHostname() {
        cluster.create(statefulSet("web", 1).build());
        await().atMost(TIMEOUT).until(() -> cluster.allReady("web", 1));
        StatefulSet set = cluster.get("web");
        Pod pod = cluster.pod("web-0");

        assertThat(pod.getMetadata().getLabels())
                .containsEntry("app", "web")
                .containsEntry("statefulset.kubernetes.io/pod-name", "web-0")
                .containsEntry("apps.kubernetes.io/pod-index", "0")
                .containsEntry("controller-revision-hash", set.getStatus().getUpdateRevision());
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getController()).isTrue();
            assertThat(ref.getUid()).isEqualTo(set.getMetadata().getUid());
        });
        assertThat(pod.getSpec().getHostname()).isEqualTo("web-0");
        assertThat(pod.getSpec().getSubdomain()).isEqualTo("web-headless");
        assertThat(cluster.client.apps().controllerRevisions().list().getItems())
                .singleElement().satisfies(r -> assertThat(r.getMetadata().getName()).isEqualTo(set.getStatus().getUpdateRevision()));
    }

    @Test
    void aSteadyStatefulSetCostsNoStatusWrites() {
        cluster.create(statefulSet("web", 3).build());
        await().atMost(TIMEOUT).until(() -> cluster.allReady("web", 3)
                && cluster.get("web").getStatus().getAvailableReplicas() == 3);
        long writes = cluster.statefulSets.statusWrites();

        // Resynced informers and probes keep running; nothing changes, so nothing is written.
        cluster.client.apps().statefulSets().withName("web").edit(s -> {
            s.getMetadata().getAnnotations().put("touched", "yes");
            return s;
        });
        cluster.awaitSettled();
        assertThat(cluster.statefulSets.statusWrites()).as("status writes after the touch").isEqualTo(writes);
    }

    @Test
    void pausedControllerCreatesNothingUntilResumed() {
        cluster.statefulSets.pause();
        cluster.create(statefulSet("web", 2).build());
        ControllersSettled.awaitSeen(cluster.api, cluster.statefulSets);
        assertThat(cluster.statefulSets.queuedKeys()).as("keys the paused controller holds").isPositive();
        assertThat(cluster.client.pods().list().getItems()).isEmpty();

        cluster.statefulSets.resume();

        await().atMost(TIMEOUT).until(() -> cluster.allReady("web", 2));
    }

    private static PersistentVolumeClaim claimTemplate(String name) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources()
                .endSpec().build();
    }

    /** For each pod create in the API server's journal, how many claims had been created before it. */
    private List<Integer> claimsCreatedBeforeEachPodCreate() {
        List<Integer> counts = new java.util.ArrayList<>();
        int claims = 0;
        for (ApiCall call : cluster.api.journal().calls()) {
            if (call.code() >= 300) {
                continue; // a create refused as AlreadyExists (a stale cache, as on a real cluster) created nothing
            }
            if (call.verb() == Verb.CREATE && "persistentvolumeclaims".equals(call.resource())) {
                claims++;
            } else if (call.verb() == Verb.CREATE && "pods".equals(call.resource())) {
                counts.add(claims);
            }
        }
        return counts;
    }

    private void scale(String name, int replicas) {
        cluster.client.apps().statefulSets().withName(name).edit(s -> {
            s.getSpec().setReplicas(replicas);
            return s;
        });
    }

    private void editTemplate(String name, java.util.function.Consumer<StatefulSet> change) {
        cluster.client.apps().statefulSets().withName(name).edit(s -> {
            change.accept(s);
            return s;
        });
    }

    private static void addEnv(StatefulSet set, String name, String value) {
        set.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().add(new EnvVar(name, value, null));
    }

    private static String revision(Pod pod) {
        return pod == null ? null : pod.getMetadata().getLabels().get(StatefulSetPods.REVISION_LABEL);
    }

    // stateful_pod_control.go: a pod the API server refuses (here Pod Security Admission) leaves a FailedCreate
    // Warning Event on the StatefulSet, so `kubectl describe sts` says why no pod appears.
    @Test
    void podRefusedByPodSecurityIsReportedAsFailedCreateEvent() {
        cluster.client.namespaces().withName(NAMESPACE).edit(ns -> new io.fabric8.kubernetes.api.model.NamespaceBuilder(ns)
                .editMetadata().addToLabels("pod-security.kubernetes.io/enforce", "baseline").endMetadata().build());
        StatefulSet set = SimulatedControllerTestCluster.statefulSet("root", 1).editSpec().editTemplate().editSpec()
                .editFirstContainer().withNewSecurityContext().withPrivileged(true).endSecurityContext()
                .endContainer().endSpec().endTemplate().endSpec().build();
        cluster.client.resource(set).create();
        org.awaitility.Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(cluster.client.v1().events()
                .inNamespace(NAMESPACE).list().getItems()).anySatisfy(event -> {
                    assertThat(event.getReason()).isEqualTo("FailedCreate");
                    assertThat(event.getType()).isEqualTo("Warning");
                    assertThat(event.getInvolvedObject().getKind()).isEqualTo("StatefulSet");
                    assertThat(event.getMessage()).isEqualTo("create Pod root-0 in StatefulSet root failed error: "
                            + "pods \"root-0\" is forbidden: violates PodSecurity \"baseline:latest\": privileged "
                            + "(container \"" + set.getSpec().getTemplate().getSpec().getContainers().get(0).getName()
                            + "\" must not set securityContext.privileged=true)");
                }));
        assertThat(cluster.client.pods().inNamespace(NAMESPACE).list().getItems()).isEmpty();
    }
}
