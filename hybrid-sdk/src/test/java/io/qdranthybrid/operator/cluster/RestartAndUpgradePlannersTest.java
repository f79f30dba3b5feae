package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.QdrantVersion;
import io.qdranthybrid.operator.cluster.RollingRestartPlanner.PodState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RestartAndUpgradePlannersTest {

    private static PodState pod(int ordinal, String revision, boolean ready) {
        return new PodState("qdrant-demo-" + ordinal, ordinal, revision, ready, false);
    }

    @Test
    void rollingRestartTakesTheHighestOutdatedPodWhenAllAreUpAndSettled() {
        List<PodState> pods = List.of(pod(0, "old", true), pod(1, "old", true), pod(2, "new", true));

        assertThat(RollingRestartPlanner.podsToRestart(pods, "new", 3, true, RestartMode.ROLLING))
                .extracting(PodState::ordinal).containsExactly(1);
    }

    @Test
    void rollingRestartWaitsWhileAnyPodIsDownOrConsensusIsUnsettled() {
        List<PodState> oneDown = List.of(pod(0, "old", true), pod(1, "old", true), pod(2, "new", false));
        List<PodState> oneMissing = List.of(pod(0, "old", true), pod(1, "old", true));

        assertThat(RollingRestartPlanner.podsToRestart(oneDown, "new", 3, true, RestartMode.ROLLING)).isEmpty();
        assertThat(RollingRestartPlanner.podsToRestart(oneMissing, "new", 3, true, RestartMode.ROLLING)).isEmpty();
        assertThat(RollingRestartPlanner.podsToRestart(
                List.of(pod(0, "old", true), pod(1, "new", true)), "new", 2, false, RestartMode.ROLLING)).isEmpty();
    }

    @Test
    void concurrentRestartTakesEveryOutdatedPodAtOnce() {
        List<PodState> pods = List.of(pod(0, "old", true), pod(1, "old", false), pod(2, "new", true));

        assertThat(RollingRestartPlanner.podsToRestart(pods, "new", 3, false, RestartMode.CONCURRENT))
                .extracting(PodState::ordinal).containsExactly(1, 0);
        assertThat(RollingRestartPlanner.complete(pods, "new", 3)).isFalse();
        assertThat(RollingRestartPlanner.complete(List.of(pod(0, "new", true)), "new", 1)).isTrue();
    }

    @Test
    void restartModeFollowsTheSpecOrReplication() {
        QdrantClusterSpec spec = new QdrantClusterSpec();
        assertThat(RestartMode.of(spec, true)).isEqualTo(RestartMode.ROLLING);
        assertThat(RestartMode.of(spec, false)).isEqualTo(RestartMode.CONCURRENT);
        spec.setRestartAllPodsConcurrently(true);
        assertThat(RestartMode.of(spec, true)).isEqualTo(RestartMode.CONCURRENT);
        spec.setRestartAllPodsConcurrently(false);
        assertThat(RestartMode.of(spec, false)).isEqualTo(RestartMode.ROLLING);
    }

    @Test
    void upgradeStepsThroughTheLatestKnownReleaseOfEachMinor() {
        List<QdrantVersion> known = List.of(v("v1.12.0"), v("v1.12.6"), v("v1.13.2"));

        assertThat(UpgradePath.next(v("v1.11.3"), v("v1.13.2"), known)).isEqualTo(new UpgradePath.Step.To(v("v1.12.6")));
        assertThat(UpgradePath.next(v("v1.12.6"), v("v1.13.2"), known)).isEqualTo(new UpgradePath.Step.To(v("v1.13.2")));
        assertThat(UpgradePath.next(v("v1.13.2"), v("v1.13.2"), known)).isEqualTo(new UpgradePath.Step.Arrived());
        assertThat(UpgradePath.next(v("v1.9.0"), v("v1.11.0"), List.of())).isEqualTo(new UpgradePath.Step.To(v("v1.10.0")));
    }

    @Test
    void majorChangesAndCrossMinorDowngradesAreRefusedWithAReason() {
        assertThat(UpgradePath.next(v("v1.12.0"), v("v2.0.0"), List.of())).isInstanceOfSatisfying(
                UpgradePath.Step.Refused.class, r -> assertThat(r.reason()).contains("major version"));
        assertThat(UpgradePath.next(v("v1.12.0"), v("v1.11.5"), List.of())).isInstanceOfSatisfying(
                UpgradePath.Step.Refused.class, r -> assertThat(r.reason()).contains("restore a backup"));
        assertThat(UpgradePath.next(v("v1.12.6"), v("v1.12.1"), List.of())).isEqualTo(new UpgradePath.Step.To(v("v1.12.1")));
    }

    private static QdrantVersion v(String text) {
        return QdrantVersion.parse(text).orElseThrow();
    }
}
