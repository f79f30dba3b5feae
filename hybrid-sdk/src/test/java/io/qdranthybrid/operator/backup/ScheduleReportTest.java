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
