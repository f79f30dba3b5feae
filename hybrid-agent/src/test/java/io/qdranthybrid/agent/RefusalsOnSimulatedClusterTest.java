package io.qdranthybrid.agent;

import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.kube.AdmissionRules;
import io.qdranthybrid.harness.kube.ApiCall;
import io.qdranthybrid.harness.kube.InjectedFailure;
import io.qdranthybrid.harness.kube.Verb;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.Nack;
import io.qdranthybrid.protocol.message.NackReason;
import io.qdranthybrid.protocol.message.DesiredStateMode;
import io.qdranthybrid.protocol.message.RefusedResource;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.ResourceKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.qdranthybrid.agent.Manifests.cluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * One bad resource is refused on its own, for good, with its reason; everything else in the desired state applies,
 * and later revisions go on applying. Only what can heal is retried.
 */
class RefusalsOnSimulatedClusterTest {

    private static SimulatedCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = SimulatedCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @AfterEach
    void clearAdmission() {
        cluster.api().admission().clear();
        cluster.api().faults().clear();
    }

    @Test
    void tombstoneNamingAnApiPathIsRefusedWithoutAnyRequestForIt() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "traversal")) {
            // Without the prerequisites check, whose reads (the operator's Role by name) would race with the count.
            t.startAgent(t.agentBuilder().checkPrerequisites(false));
            t.sendAndAwaitAck(DesiredState.snapshot(1, List.of(cluster(t.namespace, "qdrant-keep", 1, 1))));
            int callsBefore = cluster.api().journal().calls().size();

            AgentMessage answer = t.sendAndAwaitAnswer(DesiredState.delta(1, 2, List.of(
                    DesiredResource.tombstone(new ResourceKey(ResourceKind.CLUSTER, t.namespace,
                            "../../../../../../api/v1/namespaces/kube-system/secrets/x"), 2),
                    DesiredResource.tombstone(new ResourceKey(ResourceKind.COMPONENT_RELEASE, t.namespace,
                            "x?fieldSelector=metadata.name%3Dy"), 2),
                    cluster(t.namespace, "qdrant-next", 2, 1))));

            assertThat(answer).isInstanceOfSatisfying(Nack.class, nack -> {
                assertThat(nack.reason()).isEqualTo(NackReason.INVALID);
                assertThat(nack.message()).contains("2 of 3 resources refused").contains("not a valid Kubernetes name");
            });
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-next")).isNotNull();
            List<ApiCall> named = cluster.api().journal().calls().stream().skip(callsBefore)
                    .filter(call -> call.from(t.userAgent()) && call.name() != null).toList();
            assertThat(named).isNotEmpty().allSatisfy(call -> {
                assertThat(call.namespace()).isEqualTo(t.namespace);
                assertThat(call.name()).isIn("qdrant-next", AgentStateStore.NAME);
            });
            assertThat(cluster.api().journal().calls().stream().skip(callsBefore)
                    .filter(call -> call.from(t.userAgent()))).noneMatch(call -> "secrets".equals(call.resource()));
        }
    }

    @Test
    void manifestTheApiServerRejectsIsRefusedAloneAndTheEnvironmentKeepsChanging() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "rejected")) {
            // A schema or validating webhook rejecting one cluster (422), a policy webhook another (403).
            cluster.api().admission().register("QdrantCluster", AdmissionRules.Rejection.INVALID, (before, after) ->
                    "qdrant-bad".equals(after.getMetadata().getName()) && t.namespace.equals(after.getMetadata().getNamespace())
                            ? Optional.of("spec.size: Invalid value: 99: must be at most 30") : Optional.empty());
            cluster.api().admission().register("QdrantCluster", AdmissionRules.Rejection.FORBIDDEN, (before, after) ->
                    "qdrant-denied".equals(after.getMetadata().getName()) && t.namespace.equals(after.getMetadata().getNamespace())
                            ? Optional.of("denied by policy webhook") : Optional.empty());
            CloudAgent agent = t.startAgent();

            AgentMessage answer = t.sendAndAwaitAnswer(DesiredState.snapshot(5, List.of(
                    cluster(t.namespace, "qdrant-a", 5, 1), cluster(t.namespace, "qdrant-bad", 5, 99),
                    cluster(t.namespace, "qdrant-denied", 5, 1), cluster(t.namespace, "qdrant-b", 5, 1))));

            assertThat(answer).isInstanceOfSatisfying(Nack.class, nack -> {
                assertThat(nack.reason()).isEqualTo(NackReason.FORBIDDEN);
                assertThat(nack.message()).contains("2 of 4 resources refused, the rest applied")
                        .contains("INVALID clusters/" + t.namespace + "/qdrant-bad: the cluster refused it (HTTP 422")
                        .contains("must be at most 30")
                        .contains("FORBIDDEN clusters/" + t.namespace + "/qdrant-denied: the cluster refused it (HTTP 403")
                        .contains("denied by policy webhook");
                assertThat(nack.resources()).as("the control plane marks exactly these")
                        .extracting(r -> r.key().name(), RefusedResource::reason)
                        .containsExactlyInAnyOrder(tuple("qdrant-bad", NackReason.INVALID),
                                tuple("qdrant-denied", NackReason.FORBIDDEN));
            });
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-a")).isNotNull();
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-b")).isNotNull();
            assertThat(agent.lastAppliedRevision()).isEqualTo(5);

            // A later revision changing another cluster applies; the bad one is refused again, alone.
            AgentMessage later = t.sendAndAwaitAnswer(DesiredState.delta(5, 6, List.of(
                    cluster(t.namespace, "qdrant-a", 6, 3))));
            assertThat(later).isInstanceOf(io.qdranthybrid.protocol.message.Ack.class);
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-a").get("spec", "size").toString()).isEqualTo("3");
            assertThat(agent.lastAppliedRevision()).isEqualTo(6);
        }
    }

    @Test
    void aResourceWithheldAsTooLargeIsKeptByTheSnapshotAndRefusedAlone() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "withheld")) {
            CloudAgent agent = t.startAgent();
            t.sendAndAwaitAck(DesiredState.snapshot(1, List.of(cluster(t.namespace, "qdrant-big", 1, 1),
                    cluster(t.namespace, "qdrant-small", 1, 1))));

            AgentMessage answer = t.sendAndAwaitAnswer(new DesiredState(2, DesiredStateMode.SNAPSHOT, 0,
                    List.of(cluster(t.namespace, "qdrant-small", 2, 3)), List.of(),
                    List.of(new ResourceKey(ResourceKind.CLUSTER, t.namespace, "qdrant-big"))));

            assertThat(answer).isInstanceOfSatisfying(Nack.class, nack -> {
                assertThat(nack.reason()).isEqualTo(NackReason.TOO_LARGE);
                assertThat(nack.resources()).singleElement().satisfies(r -> {
                    assertThat(r.key().name()).isEqualTo("qdrant-big");
                    assertThat(r.reason()).isEqualTo(NackReason.TOO_LARGE);
                });
            });
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-big")).as("absent from the snapshot, yet kept")
                    .isNotNull();
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-small").get("spec", "size").toString()).isEqualTo("3");
            assertThat(agent.lastAppliedRevision()).isEqualTo(2);
        }
    }

    @Test
    void aConflictOnAnUpdateIsRetriedAtOnceFromAFreshRead() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "conflict")) {
            CloudAgent agent = t.startAgent();
            t.sendAndAwaitAck(DesiredState.snapshot(1, List.of(cluster(t.namespace, "qdrant-c", 1, 1))));
            // What a cache a step behind the API server meets: the version it read was replaced meanwhile.
            cluster.api().faults().failNext(1, Verb.UPDATE, "qdrantclusters", InjectedFailure.CONFLICT);

            t.sendAndAwaitAck(DesiredState.delta(1, 2, List.of(cluster(t.namespace, "qdrant-c", 2, 3))));

            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-c").get("spec", "size").toString()).isEqualTo("3");
            assertThat(agent.lastAppliedRevision()).isEqualTo(2);
        }
    }

    @Test
    void whatCanHealIsRetriedAndNotRefused() throws Exception {
        try (AgentTestSupport t = new AgentTestSupport(cluster, "heals")) {
            CloudAgent agent = t.startAgent();
            // A conflict is retried once at once from a fresh read; one that persists goes back to the control plane.
            cluster.api().faults().failNext(2, Verb.CREATE, "qdrantclusters", InjectedFailure.CONFLICT);

            AgentMessage answer = t.sendAndAwaitAnswer(DesiredState.snapshot(3, List.of(
                    cluster(t.namespace, "qdrant-later", 3, 1))));

            assertThat(answer).isInstanceOfSatisfying(Nack.class,
                    nack -> assertThat(nack.reason()).isEqualTo(NackReason.APPLY_FAILED));
            assertThat(agent.lastAppliedRevision()).isZero();
            // The redelivery applies it.
            t.sendAndAwaitAck(DesiredState.snapshot(3, List.of(cluster(t.namespace, "qdrant-later", 3, 1))));
            assertThat(t.get(ManagedKind.QDRANT_CLUSTER, "qdrant-later")).isNotNull();
            assertThat(Set.of(agent.lastAppliedRevision())).containsExactly(3L);
        }
    }
}
