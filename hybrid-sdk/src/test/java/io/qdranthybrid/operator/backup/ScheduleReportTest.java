package io.qdranthybrid.operator.backup;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.qdranthybrid.crd.QdrantClusterSnapshot;
import io.qdranthybrid.crd.QdrantClusterSnapshotSpec;
import io.qdranthybrid.crd.QdrantClusterSnapshotStatus;
import io.qdranthybrid.crd.SnapshotPhase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleReportTest {

    private static final long MIDNIGHT = 1_764_028_800L; // 2025-11-25T00:00:00Z
    private static final long ONE_AM = MIDNIGHT + 3600;

    @Test
    void aScheduleThatHasNotRunYetSaysNothing() {
        assertThat(ScheduleReport.of(List.of())).isNull();
    }

    @Test
    void theLatestRunIsReportedWhateverTheOrderWithTheReasonItDidNotSucceed() {
        QdrantClusterSnapshot earlier = run("nightly-1", MIDNIGHT, SnapshotPhase.SUCCEEDED, null);
        QdrantClusterSnapshot latest = run("nightly-2", ONE_AM, SnapshotPhase.SKIPPED,
                "cluster orders is suspended; resume it to back it up");

        assertThat(ScheduleReport.of(List.of(latest, earlier))).isEqualTo(ScheduleReport.of(List.of(earlier, latest)))
                .isEqualTo("last run 2025-11-25T01:00:00Z: backup nightly-2 was skipped: cluster orders is suspended; "
                        + "resume it to back it up");
    }

    @Test
    void eachPhaseReadsAsWhatHappened() {
        assertThat(ScheduleReport.of(List.of(run("b", MIDNIGHT, SnapshotPhase.SUCCEEDED, null))))
                .isEqualTo("last run 2025-11-25T00:00:00Z: backup b succeeded");
        assertThat(ScheduleReport.of(List.of(run("b", MIDNIGHT, SnapshotPhase.FAILED, "VolumeSnapshot x failed: no class"))))
                .isEqualTo("last run 2025-11-25T00:00:00Z: backup b failed: VolumeSnapshot x failed: no class");
        assertThat(ScheduleReport.of(List.of(run("b", MIDNIGHT, SnapshotPhase.RUNNING, null))))
                .isEqualTo("last run 2025-11-25T00:00:00Z: backup b is running");
        assertThat(ScheduleReport.of(List.of(run("b", MIDNIGHT, null, null))))
                .isEqualTo("last run 2025-11-25T00:00:00Z: backup b is created and not started yet");
    }

    @Test
    void theMessageSaysFirstWhyRunsAreSkippedThenTheNextRunTheLastAndHowManyWereSkippedInARow() {
        java.time.Instant next = java.time.Instant.ofEpochSecond(ONE_AM + 3600);
        String why = "cluster orders is NotReady (2/3 nodes ready); backups are taken once all its nodes are up";
        List<QdrantClusterSnapshot> runs = List.of(
                run("b0", MIDNIGHT - 3600, SnapshotPhase.SUCCEEDED, null),
                run("b1", MIDNIGHT, SnapshotPhase.SKIPPED, why),
                run("b2", ONE_AM, SnapshotPhase.SKIPPED, why));

        assertThat(ScheduleReport.describe(runs, next, java.util.Optional.of(why))).isEqualTo("skipping runs: " + why
                + "; next run 2025-11-25T02:00:00Z; last run 2025-11-25T01:00:00Z: backup b2 was skipped: " + why
                + "; 2 runs in a row skipped");
    }

    @Test
    void aScheduleThatHasNotRunYetSaysWhenItWill() {
        assertThat(ScheduleReport.describe(List.of(), java.time.Instant.ofEpochSecond(MIDNIGHT), java.util.Optional.empty()))
                .isEqualTo("next run 2025-11-25T00:00:00Z; no run yet");
    }

    @Test
    void oneSkippedRunAfterASuccessIsTheLastRunNotARowOfThem() {
        List<QdrantClusterSnapshot> runs = List.of(run("b1", MIDNIGHT, SnapshotPhase.SUCCEEDED, null),
                run("b2", ONE_AM, SnapshotPhase.SKIPPED, "cluster orders is suspended; resume it to back it up"));

        assertThat(ScheduleReport.describe(runs, java.time.Instant.ofEpochSecond(ONE_AM + 3600), java.util.Optional.empty()))
                .doesNotContain("in a row").endsWith("was skipped: cluster orders is suspended; resume it to back it up");
    }

    private static QdrantClusterSnapshot run(String name, long slot, SnapshotPhase phase, String message) {
        QdrantClusterSnapshot snapshot = new QdrantClusterSnapshot();
        snapshot.setMetadata(new ObjectMetaBuilder().withName(name).build());
        snapshot.setSpec(new QdrantClusterSnapshotSpec());
        snapshot.getSpec().setCreationTimestamp(slot);
        if (phase != null) {
            snapshot.setStatus(new QdrantClusterSnapshotStatus());
            snapshot.getStatus().setPhase(phase);
            if (message != null) {
                snapshot.getStatus().setUnknownField(QdrantClusterSnapshotReconciler.MESSAGE, message);
            }
        }
        return snapshot;
    }
}
