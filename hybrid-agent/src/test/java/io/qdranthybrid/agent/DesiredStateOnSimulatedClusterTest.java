package io.qdranthybrid.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.kube.ApiCall;
import io.qdranthybrid.harness.kube.RequestJournal;
import io.qdranthybrid.harness.kube.Verb;
import io.qdranthybrid.protocol.delivery.ApplyOutcome;
import io.qdranthybrid.protocol.message.Ack;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.Nack;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.qdranthybrid.agent.Manifests.cluster;
import static io.qdranthybrid.agent.Manifests.JSON;
import static io.qdranthybrid.agent.Manifests.manifest;
import static io.qdranthybrid.agent.Manifests.qdrantCluster;
import static io.qdranthybrid.agent.Manifests.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Desired state from a control plane becoming qdrant.io objects in the agent's namespace, and nothing else. */
class DesiredStateOnSimulatedClusterTest {

    private static final String OBJECTS_CLIENT = "managed-objects-test";
    private static SimulatedCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = SimulatedCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void desiredClusterIsAppliedAsALabelledQdrantClusterWithItsRevision() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "apply")) {
            t.startAgent();

            t.sendAndAwaitAck(DesiredState.snapshot(4, List.of(cluster(t.namespace, "qdrant-c1", 4, 3))));

            GenericKubernetesResource created = t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-c1");
            assertThat(created).isNotNull();
            assertThat(created.getMetadata().getLabels()).containsEntry(AgentLabels.MANAGED_BY, "qdrant-cloud-agent");
            assertThat(created.getMetadata().getAnnotations()).containsEntry(AgentLabels.DESIRED_REVISION, "4");
            assertThat(created.get("spec", "size").toString()).isEqualTo("3");
            ConfigMap state = t.cluster.client().configMaps().inNamespace(t.namespace).withName(AgentStateStore.NAME).get();
            assertThat(state.getData()).containsEntry("lastAppliedRevision", "4");
        }
    }

    @Test
    void changedDesiredClusterIsUpdatedKeepingItsStatusAndWhatOthersAdded() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "update")) {
            t.startAgent();
            t.sendAndAwaitAck(DesiredState.snapshot(1, List.of(cluster(t.namespace, "qdrant-u1", 1, 1))));
            var clusters = cluster.client().genericKubernetesResources(ManagedKind.QDRANT_CLUSTER.context())
                    .inNamespace(t.namespace).withName("qdrant-u1");
            clusters.edit(live -> {
                live.getMetadata().setFinalizers(List.of("operator.qdrant.com/cleanup"));
                live.getMetadata().getLabels().put("team", "search");
                return live;
            });
            clusters.editStatus(live -> {
                live.setAdditionalProperty("status", java.util.Map.of("phase", "Healthy"));
                return live;
            });

            t.sendAndAwaitAck(DesiredState.delta(1, 2, List.of(cluster(t.namespace, "qdrant-u1", 2, 3))));

            GenericKubernetesResource updated = t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-u1");
            assertThat(updated.get("spec", "size").toString()).isEqualTo("3");
            assertThat(updated.getMetadata().getAnnotations()).containsEntry(AgentLabels.DESIRED_REVISION, "2");
            assertThat(updated.getMetadata().getFinalizers()).containsExactly("operator.qdrant.com/cleanup");
            assertThat(updated.getMetadata().getLabels()).containsEntry("team", "search");
            assertThat(updated.get("status", "phase").toString()).isEqualTo("Healthy");
        }
    }

    @Test
    void duplicateDeliveryIsAppliedOnce() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "dup")) {
            CloudAgent agent = t.startAgent();
            DesiredState state = DesiredState.snapshot(2, List.of(cluster(t.namespace, "qdrant-d1", 2, 1)));

            t.sendAndAwaitAck(state);
            long writesAfterFirst = clusterWrites(t.namespace);
            t.sendAndAwaitAck(state);
            // The ledger filters a redelivered revision; a newer snapshot with the same content writes nothing either.
            t.sendAndAwaitAck(DesiredState.snapshot(3, List.of(cluster(t.namespace, "qdrant-d1", 2, 1))));

            assertThat(writesAfterFirst).isEqualTo(1);
            assertThat(clusterWrites(t.namespace)).isEqualTo(1);
            assertThat(agent.lastAppliedRevision()).isEqualTo(3);
        }
    }

    @Test
    void changingClustersTheAgentAlreadyHoldsCostsOneUpdateEachAndNoReads() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "resync")) {
            t.startAgent();
            List<String> names = IntStream.range(0, 12).mapToObj(i -> "qdrant-s" + i).toList();
            t.sendAndAwaitAck(DesiredState.snapshot(1, names.stream().map(n -> cluster(t.namespace, n, 1, 1)).toList()));
            // Each status report says the agent's informer holds that cluster.
            await().atMost(Duration.ofSeconds(15)).until(() -> t.controlPlane.statuses().stream()
                    .map(status -> status.key().name()).distinct().count() == names.size());
            RequestJournal.Snapshot before = cluster.api().journal().snapshotFrom(t.userAgent());

            t.sendAndAwaitAck(DesiredState.delta(1, 2, names.stream().map(n -> cluster(t.namespace, n, 2, 3)).toList()));

            RequestJournal.Snapshot after = cluster.api().journal().snapshotFrom(t.userAgent());
            assertThat(after.count(Verb.UPDATE, "qdrantclusters") - before.count(Verb.UPDATE, "qdrantclusters"))
                    .isEqualTo(names.size());
            assertThat(after.count(Verb.GET, "qdrantclusters") - before.count(Verb.GET, "qdrantclusters"))
                    .as("read from the informer cache, not the API server").isZero();
            names.forEach(n -> assertThat(t.get(ManagedKind.QDRANT_CLUSTER, n).get("spec", "size").toString())
                    .isEqualTo("3"));
        }
    }

    @Test
    void restartedAgentResumesFromThePersistedRevisionAndGetsADelta() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "resume")) {
            CloudAgent first = t.startAgent();
            t.sendAndAwaitAck(DesiredState.snapshot(7, List.of(cluster(t.namespace, "qdrant-r1", 7, 1))));
            first.close();
            int callsBeforeRestart = cluster.api().journal().writeCalls().size();

            t.startAgent();
            // Coming back costs no writes: nothing is re-applied until the control plane says something new.
            assertThat(cluster.api().journal().writeCalls().stream().skip(callsBeforeRestart)
                    .filter(call -> t.namespace.equals(call.namespace()))).isEmpty();

            assertThat(t.controlPlane.hellos()).extracting(h -> h.lastAppliedRevision()).containsExactly(0L, 7L);
            // The control plane answers the Hello with a delta from 7; it applies without a snapshot.
            t.sendAndAwaitAck(DesiredState.delta(7, 8, List.of(cluster(t.namespace, "qdrant-r2", 8, 1))));
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-r1")).isNotNull();
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-r2")).isNotNull();
        }
    }

    static Stream<Arguments> forbiddenResources() {
        Function<String, DesiredResource> otherNamespace = ns -> cluster("someone-elses-namespace", "qdrant-x", 9, 1);
        Function<String, DesiredResource> clusterRoleBinding = ns -> resource(ResourceKind.CLUSTER, ns, "escalate", 9,
                manifest("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "escalate"));
        Function<String, DesiredResource> secret = ns -> resource(ResourceKind.ENTITY, ns, "stolen", 9,
                manifest("v1", "Secret", "stolen"));
        Function<String, DesiredResource> kindMismatch = ns -> resource(ResourceKind.CLUSTER, ns, "not-a-cluster", 9,
                manifest("qdrant.io/v1", "QdrantClusterSnapshot", "not-a-cluster"));
        return Stream.of(
                Arguments.of("another namespace", otherNamespace, NackReason.FORBIDDEN_NAMESPACE, "someone-elses-namespace"),
                Arguments.of("a ClusterRoleBinding", clusterRoleBinding, NackReason.FORBIDDEN_KIND, "ClusterRoleBinding"),
                Arguments.of("a Secret", secret, NackReason.FORBIDDEN_KIND, "Secret is not a kind this agent manages"),
                Arguments.of("a kind mismatch", kindMismatch, NackReason.INVALID, "'clusters' resources must be qdrant.io/v1 QdrantCluster"));
    }

    @ParameterizedTest(name = "{0} is refused, the rest of the batch applied, the session kept")
    @MethodSource("forbiddenResources")
    void forbiddenResourceIsNackedWhileTheRestAppliesAndTheSessionLivesOn(String what,
            Function<String, DesiredResource> forbidden, NackReason reason, String explanation) throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "refuse")) {
            t.startAgent();
            int writeCallsBefore = cluster.api().journal().writeCalls().size();

            AgentMessage answer = t.sendAndAwaitAnswer(DesiredState.snapshot(9,
                    List.of(cluster(t.namespace, "qdrant-ok", 9, 1), forbidden.apply(t.namespace))));

            assertThat(answer).isInstanceOf(Nack.class);
            Nack nack = (Nack) answer;
            assertThat(nack.reason()).isEqualTo(reason);
            assertThat(nack.message()).contains(explanation).contains("1 of 2 resources refused");
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-ok")).isNotNull();
            assertThat(cluster.api().journal().writeCalls().stream().skip(writeCallsBefore)
                    .filter(call -> !t.namespace.equals(call.namespace()) && isAgentWrite(call))).isEmpty();
            assertThat(cluster.client().secrets().inNamespace(t.namespace).withName("stolen").get()).isNull();
            assertThat(cluster.client().rbac().clusterRoleBindings().withName("escalate").get()).isNull();
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER_SNAPSHOT, "not-a-cluster")).isNull();

            // The same session goes on: the next revision builds on this one.
            t.sendAndAwaitAck(DesiredState.delta(9, 10, List.of(cluster(t.namespace, "qdrant-next", 10, 1))));
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-next")).isNotNull();
            assertThat(t.controlPlane.sessions()).isEqualTo(1);
        }
    }

    @Test
    void handCreatedClusterIsNeitherDeletedByASnapshotNorOverwritten() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "byhand")) {
            t.startAgent();
            ObjectNode byHand = Manifests.qdrantCluster("qdrant-mine", 5);
            ((ObjectNode) byHand.get("metadata")).put("namespace", t.namespace);
            cluster.client().genericKubernetesResources(ManagedKind.QDRANT_CLUSTER.context()).inNamespace(t.namespace)
                    .resource(Manifests.JSON.convertValue(byHand, GenericKubernetesResource.class)).create();

            t.sendAndAwaitAck(DesiredState.snapshot(1, List.of(cluster(t.namespace, "qdrant-theirs", 1, 1))));
            AgentMessage answer = t.sendAndAwaitAnswer(DesiredState.snapshot(2,
                    List.of(cluster(t.namespace, "qdrant-mine", 2, 1))));

            GenericKubernetesResource mine = t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-mine");
            assertThat(mine).isNotNull();
            assertThat(mine.get("spec", "size").toString()).isEqualTo("5");
            assertThat(AgentLabels.isManaged(mine)).isFalse();
            assertThat(answer).isInstanceOfSatisfying(Nack.class, nack -> {
                assertThat(nack.reason()).isEqualTo(NackReason.INVALID);
                assertThat(nack.message()).contains("qdrant-mine").contains("did not create");
            });
            // qdrant-theirs was the agent's and is absent from snapshot 2: gone.
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-theirs")).isNull();

            AgentMessage tombstoneAnswer = t.sendAndAwaitAnswer(DesiredState.delta(2, 3, List.of(
                    DesiredResource.tombstone(new ResourceKey(ResourceKind.CLUSTER, t.namespace, "qdrant-mine"), 3))));
            assertThat(tombstoneAnswer).isInstanceOfSatisfying(Nack.class,
                    nack -> assertThat(nack.message()).contains("does not delete objects it did not create"));
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-mine")).isNotNull();
        }
    }

    @Test
    void droppedResourcesAreDeletedByTombstoneOrAbsenceFromASnapshot() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "drop")) {
            t.startAgent();
            t.sendAndAwaitAck(DesiredState.snapshot(1, List.of(cluster(t.namespace, "qdrant-a", 1, 1),
                    cluster(t.namespace, "qdrant-b", 1, 1), cluster(t.namespace, "qdrant-c", 1, 1))));

            t.sendAndAwaitAck(DesiredState.delta(1, 2, List.of(
                    DesiredResource.tombstone(new ResourceKey(ResourceKind.CLUSTER, t.namespace, "qdrant-a"), 2))));
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-a")).isNull();

            t.sendAndAwaitAck(DesiredState.snapshot(3, List.of(cluster(t.namespace, "qdrant-c", 1, 1))));
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-b")).isNull();
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-c")).isNotNull();
        }
    }

    @Test
    void aSnapshotEntryForAnotherNamespaceDoesNotKeepTheSameNameAliveInTheAgentsNamespace() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "snapshot-ns")) {
            t.startAgent();
            t.sendAndAwaitAck(DesiredState.snapshot(1, List.of(cluster(t.namespace, "qdrant-x", 1, 1),
                    cluster(t.namespace, "qdrant-y", 1, 1))));

            AgentMessage answer = t.sendAndAwaitAnswer(DesiredState.snapshot(2, List.of(
                    cluster("someone-else", "qdrant-x", 2, 1), cluster(t.namespace, "qdrant-y", 2, 1))));

            assertThat(answer).isInstanceOfSatisfying(Nack.class,
                    nack -> assertThat(nack.reason()).isEqualTo(NackReason.FORBIDDEN_NAMESPACE));
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-x")).isNull();
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-y")).isNotNull();
        }
    }

    @Test
    void aRegisteredCommandRunsOnceEvenWhenRedeliveredAndAnyOtherIsRefusedAsUnsupported() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "commands")) {
            List<String> ran = new CopyOnWriteArrayList<>();
            t.startAgent(t.agentBuilder().command("collect-diagnostics", command -> {
                ran.add(command.commandId());
                return ApplyOutcome.applied();
            }));

            assertThat(t.sendAndAwaitAnswer(new Command("cmd-1", "collect-diagnostics", null))).isInstanceOf(Ack.class);
            assertThat(t.sendAndAwaitAnswer(new Command("cmd-1", "collect-diagnostics", null))).isInstanceOf(Ack.class);
            AgentMessage refused = t.sendAndAwaitAnswer(new Command("cmd-2", "restart-cluster", null));

            assertThat(ran).containsExactly("cmd-1");
            assertThat(refused).isInstanceOfSatisfying(Nack.class, nack -> {
                assertThat(nack.reason()).isEqualTo(NackReason.UNSUPPORTED);
                assertThat(nack.message()).contains("'restart-cluster'").contains("[collect-diagnostics]");
            });
        }
    }

    @Test
    void emptySnapshotIsRefusedInsteadOfDeletingEveryManagedCluster() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "empty")) {
            t.startAgent();
            t.sendAndAwaitAck(DesiredState.snapshot(1, List.of(cluster(t.namespace, "qdrant-keep", 1, 1))));

            AgentMessage answer = t.sendAndAwaitAnswer(DesiredState.snapshot(2, List.of()));

            assertThat(answer).isInstanceOfSatisfying(Nack.class,
                    nack -> assertThat(nack.message()).contains("empty desired state would delete every resource"));
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-keep")).isNotNull();
            // A snapshot that still lists something is taken at its word: unlisted resources go.
            t.sendAndAwaitAck(DesiredState.snapshot(3, List.of(cluster(t.namespace, "qdrant-other", 3, 1))));
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-keep")).isNull();
        }
    }

    private static boolean isAgentWrite(ApiCall call) {
        // Access reviews (the agent's prerequisites check) are POSTed questions, answered and never stored.
        return call.verb().isWrite() && !"namespaces".equals(call.resource())
                && !"authorization.k8s.io".equals(call.group());
    }

    private static long clusterWrites(String namespace) {
        return cluster.api().journal().writeCalls().stream()
                .filter(call -> namespace.equals(call.namespace()) && "qdrantclusters".equals(call.resource()))
                .count();
    }

    // ManagedObjects, the agent's reads: from its cache, except where the cache may not show its own last write yet.

    @Test
    void aCachedCopyOlderThanTheAgentsOwnWriteIsReadAgainFromTheApiServerThenTrustedOnceCurrent() {
        String namespace = cluster.createNamespace("own-writes");
        try (KubernetesClient client = cluster.newClient(namespace, OBJECTS_CLIENT)) {
            var clusters = client.genericKubernetesResources(ManagedKind.QDRANT_CLUSTER.context()).inNamespace(namespace);
            GenericKubernetesResource sizeOne = clusters.resource(
                    JSON.convertValue(qdrantCluster("qdrant-a", 1), GenericKubernetesResource.class)).create();
            AtomicReference<GenericKubernetesResource> cached = new AtomicReference<>(sizeOne);
            ManagedObjects objects = new ManagedObjects(client, namespace, (kind, name) -> cached.get(), new OwnWrites());

            objects.wrote(ManagedKind.QDRANT_CLUSTER, resize(clusters, "qdrant-a", 3));

            // Deciding from the cache would find "size 1" already satisfied and lose a change back to size 1.
            long before = readsByName(namespace);
            assertThat(size(objects.current(ManagedKind.QDRANT_CLUSTER, "qdrant-a").orElseThrow())).isEqualTo(3);
            assertThat(readsByName(namespace)).isEqualTo(before + 1);

            cached.set(clusters.withName("qdrant-a").get());
            long caughtUp = readsByName(namespace);
            assertThat(size(objects.current(ManagedKind.QDRANT_CLUSTER, "qdrant-a").orElseThrow())).isEqualTo(3);
            assertThat(objects.current(ManagedKind.QDRANT_CLUSTER, "qdrant-a")).isPresent();
            assertThat(readsByName(namespace)).as("served by the cache once it shows the write").isEqualTo(caughtUp);
        }
    }

    @Test
    void anObjectTheCacheLacksIsReadFromTheApiServer() {
        String namespace = cluster.createNamespace("cache-miss");
        try (KubernetesClient client = cluster.newClient(namespace, OBJECTS_CLIENT)) {
            var clusters = client.genericKubernetesResources(ManagedKind.QDRANT_CLUSTER.context()).inNamespace(namespace);
            clusters.resource(JSON.convertValue(qdrantCluster("qdrant-hand-made", 2), GenericKubernetesResource.class))
                    .create();
            ManagedObjects objects = new ManagedObjects(client, namespace, (kind, name) -> null, new OwnWrites());

            // The cache holds only labelled objects: one made by hand must still be found, so it is not overwritten.
            assertThat(objects.current(ManagedKind.QDRANT_CLUSTER, "qdrant-hand-made")).isPresent();
            assertThat(objects.current(ManagedKind.QDRANT_CLUSTER, "qdrant-absent")).isEmpty();
        }
    }

    private static GenericKubernetesResource resize(NonNamespaceOperation<GenericKubernetesResource,
            GenericKubernetesResourceList, Resource<GenericKubernetesResource>> clusters, String name, int size) {
        GenericKubernetesResource live = clusters.withName(name).get();
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) live.getAdditionalProperties().get("spec");
        spec.put("size", size);
        return clusters.resource(live).update();
    }

    private static int size(GenericKubernetesResource object) {
        return ((Number) object.get("spec", "size")).intValue();
    }

    /** GETs of QdrantClusters by name this test's client made in the namespace. */
    private static long readsByName(String namespace) {
        return cluster.api().journal().calls().stream().filter(call -> call.verb() == Verb.GET && call.from(OBJECTS_CLIENT)
                && namespace.equals(call.namespace()) && "qdrantclusters".equals(call.resource()))
                .map(ApiCall::name).filter(Objects::nonNull).count();
    }
}
