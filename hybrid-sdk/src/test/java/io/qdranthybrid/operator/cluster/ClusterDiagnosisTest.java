package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.qdranthybrid.crd.QdrantClusterStatus;
import io.qdranthybrid.operator.cluster.ClusterObservation.NodeObservation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** From what the scheduler, kubelet and StatefulSet controller wrote to what the user is told. */
class ClusterDiagnosisTest {

    private static final Instant NOW = Instant.parse("2026-12-07T04:00:00Z");
    private static final String SCHEDULER = "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are"
            + " available: 3 Preemption is not helpful for scheduling.";

    @Test
    void anUnschedulablePodIsReadFromItsPodScheduledCondition() {
        Pod pod = pod().withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled")
                .withStatus("False").withReason("Unschedulable").withMessage(SCHEDULER).endCondition().endStatus().build();

        assertThat(PodTrouble.of(pod)).hasValue(new PodTrouble.Unschedulable(SCHEDULER));
    }

    @Test
    void waitingReasonsOfTheKubeletAreTroublesOnlyWhenTheyAreNotRoutine() {
        assertThat(PodTrouble.of(waiting("ContainerCreating", null))).isEmpty();
        assertThat(PodTrouble.of(waiting("ErrImagePull", "no such host")))
                .hasValue(new PodTrouble.ImagePullFailing("registry.invalid/q:v1", "ErrImagePull", "no such host"));
        assertThat(PodTrouble.of(waiting("CreateContainerConfigError", "secret \"k\" not found")))
                .hasValue(new PodTrouble.CannotStart("CreateContainerConfigError", "secret \"k\" not found"));
    }

    @Test
    void aCrashLoopCarriesTheLastExitCodeAndReason() {
        Pod pod = pod().withNewStatus().withPhase("Running").addToContainerStatuses(new ContainerStatusBuilder()
                .withName("qdrant").withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                .withMessage("back-off 10s restarting failed container").endWaiting().endState()
                .withNewLastState().withNewTerminated().withExitCode(101).withReason("Error").endTerminated().endLastState()
                .build()).endStatus().build();

        assertThat(PodTrouble.of(pod)).hasValue(new PodTrouble.CrashLooping(101, "Error", null));
        assertThat(ClusterDiagnosis.problemOf("qdrant-a-0", PodTrouble.of(pod).get(), NOW)).hasValueSatisfying(p -> {
            assertThat(p.reason()).isEqualTo("CrashLoopBackOff");
            assertThat(p.message()).startsWith("container keeps exiting: last exit code 101 (Error); check its logs"
                    + " (kubectl logs qdrant-a-0 --previous)");
        });
    }

    @Test
    void aContainerRunningAgainAfterAFailedExitIsStillCrashLoopingUntilReady() {
        Pod restarted = pod().withNewStatus().withPhase("Running").addToContainerStatuses(new ContainerStatusBuilder()
                .withName("qdrant").withReady(false).withNewState().withNewRunning()
                .withStartedAt("2026-12-07T03:00:00Z").endRunning().endState().withNewLastState().withNewTerminated()
                .withExitCode(1).withReason("Error").endTerminated().endLastState().build()).endStatus().build();
        assertThat(PodTrouble.of(restarted)).hasValue(new PodTrouble.CrashLooping(1, "Error", null));

        restarted.getStatus().getContainerStatuses().get(0).getLastState().getTerminated().setExitCode(0);
        assertThat(PodTrouble.of(restarted)).hasValueSatisfying(t -> assertThat(t).isInstanceOf(PodTrouble.NotReady.class));
    }

    @Test
    void aReadyPodOrATerminatingOneHasNoTrouble() {
        Pod ready = pod().withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
                .endCondition().endStatus().build();
        assertThat(PodTrouble.of(ready)).isEmpty();
        Pod leaving = waiting("ErrImagePull", "x");
        leaving.getMetadata().setDeletionTimestamp("2026-12-07T03:00:00Z");
        assertThat(PodTrouble.of(leaving)).isEmpty();
    }

    @Test
    void aRunningPodThatIsNotReadyFailsItsReadinessOnlyAfterTheGrace() {
        PodTrouble justStarted = new PodTrouble.NotReady(NOW.minusSeconds(5));
        PodTrouble longUnready = new PodTrouble.NotReady(NOW.minus(ClusterDiagnosis.READINESS_GRACE).minusSeconds(1));

        assertThat(ClusterDiagnosis.problemOf("qdrant-a-0", justStarted, NOW)).isEmpty();
        assertThat(ClusterDiagnosis.problemOf("qdrant-a-0", longUnready, NOW)).hasValueSatisfying(p -> {
            assertThat(p.reason()).isEqualTo("ReadinessProbeFailing");
            assertThat(p.message()).contains("readiness probe (/readyz) fails").contains("kubectl logs qdrant-a-0");
        });
    }

    @Test
    void anImagePullIsOneProblemWhetherTheKubeletIsPullingOrBackingOff() {
        var pulling = ClusterDiagnosis.problemOf("p", new PodTrouble.ImagePullFailing("r.invalid/q:v1", "ErrImagePull",
                "rpc error: dial tcp: lookup r.invalid: no such host"), NOW);
        var backingOff = ClusterDiagnosis.problemOf("p", new PodTrouble.ImagePullFailing("r.invalid/q:v1",
                "ImagePullBackOff", "Back-off pulling image \"r.invalid/q:v1\""), NOW);

        assertThat(pulling).isEqualTo(backingOff);
        assertThat(pulling.get().message()).startsWith("cannot pull image r.invalid/q:v1; check spec.image");
    }

    @Test
    void theSummaryCountsNodesPerCauseAndSaysWhatToDo() {
        List<NodeObservation> nodes = List.of(
                node(0, null),
                node(1, new PodTrouble.Unschedulable("0/3 nodes are available: 3 Insufficient cpu.")),
                node(2, new PodTrouble.Unschedulable("0/3 nodes are available: 3 Insufficient cpu.")));

        List<Problem> problems = ClusterDiagnosis.of(nodes, List.of(), "qdrant-a", NOW);

        assertThat(problems).extracting(Problem::subject).containsExactly("qdrant-a-1", "qdrant-a-2");
        assertThat(ClusterDiagnosis.summary(problems, 3)).isEqualTo("2 of 3 nodes cannot be scheduled: 0/3 nodes are"
                + " available: 3 Insufficient cpu.; add capacity or lower resources");
    }

    @Test
    void aPodTheStatefulSetControllerCannotCreateNamesThePodSecurityFix() {
        String refused = "create Pod qdrant-a-0 in StatefulSet qdrant-a failed error: pods \"qdrant-a-0\" is forbidden:"
                + " violates PodSecurity \"restricted:latest\": runAsUser=0";

        List<Problem> problems = ClusterDiagnosis.of(List.of(), List.of(refused), "qdrant-a", NOW);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo("FailedCreate");
            assertThat(p.line()).startsWith("StatefulSet qdrant-a: pods cannot be created: " + refused)
                    .contains("pod-security.kubernetes.io/enforce");
        });
        assertThat(ClusterDiagnosis.summary(problems, 1)).isEqualTo(problems.get(0).line());
    }

    @Test
    void theLatestRefusalOfThisStatefulSetCountsUnlessAPodWasCreatedSince() {
        var older = failedCreate("uid-1", "2026-12-07T03:00:00Z", "quota exceeded");
        var latest = failedCreate("uid-1", "2026-12-07T03:05:00Z", "violates PodSecurity");
        var ofAPreviousSet = failedCreate("uid-0", "2026-12-07T03:10:00Z", "old set");

        assertThat(ClusterDiagnosis.podCreationErrors(List.of(older, ofAPreviousSet, latest), "uid-1", List.of()))
                .containsExactly("violates PodSecurity");

        Pod createdSince = pod().editMetadata().withCreationTimestamp("2026-12-07T03:06:00Z").endMetadata().build();
        assertThat(ClusterDiagnosis.podCreationErrors(List.of(older, latest), "uid-1", List.of(createdSince))).isEmpty();
    }

    private static io.fabric8.kubernetes.api.model.Event failedCreate(String uid, String last, String message) {
        return new io.fabric8.kubernetes.api.model.EventBuilder().withType("Warning").withReason("FailedCreate")
                .withMessage(message).withLastTimestamp(last).withNewInvolvedObject().withKind("StatefulSet")
                .withName("qdrant-a").withUid(uid).endInvolvedObject().build();
    }

    @Test
    void aProblemIsNewUntilAConditionOfTheWrittenStatusShowsIt() {
        Problem problem = new Problem("Unschedulable", "qdrant-a-0", "cannot be scheduled: x");
        QdrantClusterStatus written = new QdrantClusterStatus();
        assertThat(problem.newComparedTo(null)).isTrue();
        assertThat(problem.newComparedTo(written)).isTrue();

        written.setConditions(List.of(new ConditionBuilder().withType(ClusterLifecycle.CONDITION_NODES)
                .withStatus("False").withMessage("qdrant-a-1: other; qdrant-a-0: cannot be scheduled: x").build()));

        assertThat(problem.newComparedTo(written)).isFalse();
        assertThat(new Problem("Unschedulable", "qdrant-a-2", "cannot be scheduled: x").newComparedTo(written)).isTrue();
    }

    private static NodeObservation node(int ordinal, PodTrouble trouble) {
        return new NodeObservation(ordinal, "qdrant-a-" + ordinal, "r1", trouble == null, false, false, null, 0,
                trouble == null ? "Running" : "Pending", null, null, trouble == null, trouble);
    }

    private static PodBuilder pod() {
        return new PodBuilder().withNewMetadata().withName("qdrant-a-0").endMetadata();
    }

    private static Pod waiting(String reason, String message) {
        return pod().withNewStatus().withPhase("Pending").addToContainerStatuses(new ContainerStatusBuilder()
                .withName("qdrant").withImage("registry.invalid/q:v1").withNewState().withNewWaiting()
                .withReason(reason).withMessage(message).endWaiting().endState().build()).endStatus().build();
    }
}
