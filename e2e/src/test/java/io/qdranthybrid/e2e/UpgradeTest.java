package io.qdranthybrid.e2e;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.harness.controlplane.ClusterView;
import io.qdranthybrid.harness.controlplane.InvalidRequestException;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.timeline.Timeline;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Qdrant's storage moves one minor version at a time, so an upgrade over two minors must run the one between. */
@HybridCloudTest
class UpgradeTest {

    private static final long POINTS = 400;

    @Test
    void upgradeAcrossTwoMinorVersionsRunsTheMinorBetweenAndEndsHealthyOnTheLast(HybridEnvironment env,
                                                                                 Timeline timeline) {
        env.createCluster(NewCluster.of("search", 1, "v1.12.3"));
        env.awaitCluster("search", ClusterPhase.HEALTHY, Waits.CONVERGE);
        env.qdrant("search").seedCollection("docs", 2, 1, POINTS);
        QdrantNodes nodes = QdrantNodes.of(env, "search");

        // The control plane refuses the jump as a user would see it, and says what to do instead.
        assertThatThrownBy(() -> env.controlPlane().clusters().changeVersion(env.id(), "search", "v1.14.1"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("skips a minor version");

        try (ReportedVersions reported = ReportedVersions.of(env, "search");
             Sampler<Optional<String>> answered = Sampler.every(Duration.ofMillis(50), "search-0 answers as version",
                     () -> nodes.version(0), timeline)) {
            // Asked one step after the other, at once: the operator finds the way through v1.13 itself.
            env.controlPlane().clusters().changeVersion(env.id(), "search", "v1.13.6");
            env.controlPlane().clusters().changeVersion(env.id(), "search", "v1.14.1");
            timeline.mark("asked for v1.13.6, then v1.14.1");

            ClusterView upgraded = env.awaitCluster("search", ClusterPhase.HEALTHY, Waits.CONVERGE);

            assertThat(upgraded.runningVersion()).isEqualTo("v1.14.1");
            List<String> shown = reported.versions();
            assertThat(shown).as("running versions the control plane showed").hasSize(3);
            assertThat(shown.get(0)).isEqualTo("v1.12.3");
            assertThat(shown.get(1)).startsWith("v1.13.");
            assertThat(shown.get(2)).isEqualTo("v1.14.1");
            // The node itself ran each minor in turn, never going back (a restart in between answers nothing).
            List<String> minors = withoutRepeats(answered.changes().stream().flatMap(Optional::stream)
                    .map(version -> version.substring(0, version.lastIndexOf('.'))).toList());
            assertThat(minors).containsExactly("1.12", "1.13", "1.14");
            assertThat(nodes.version(0)).contains("1.14.1");
        }
        assertThat(nodes.count(0, "docs")).hasValue(POINTS);
        env.qdrant("search").assertNoDataLost();
    }

    private static List<String> withoutRepeats(List<String> values) {
        List<String> kept = new ArrayList<>();
        for (String value : values) {
            if (kept.isEmpty() || !kept.get(kept.size() - 1).equals(value)) {
                kept.add(value);
            }
        }
        return kept;
    }
}
