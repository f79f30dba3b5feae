package io.qdranthybrid.operator.backup;

import io.qdranthybrid.crd.SnapshotPhase;
import io.qdranthybrid.crd.VolumeSnapshotInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotProgressTest {

    private static final Instant STARTED = Instant.parse("2026-11-24T10:00:00Z");
    private static final BackupSettings SETTINGS = BackupSettings.defaults();

    private static VolumeSnapshotState ready(int node) {
        return new VolumeSnapshotState("b-" + node, "qdrant-storage-qdrant-a-" + node, true, true, "snap-" + node, null, null);
    }

    private static VolumeSnapshotState cutting(int node) {
        return new VolumeSnapshotState("b-" + node, "qdrant-storage-qdrant-a-" + node, true, false, null, null, null);
    }

    @Test
    void allReadySucceedsWithCompletionTimeAndRetentionDeadline() {
        Instant now = STARTED.plusSeconds(70);
        SnapshotProgress.Outcome outcome = SnapshotProgress.evaluate(List.of(ready(0), ready(1), ready(2)), STARTED, now,
                "72h", SETTINGS);

        assertThat(outcome.phase()).isEqualTo(SnapshotPhase.SUCCEEDED);
        assertThat(outcome.completionTime()).isEqualTo("1m10s");
        assertThat(outcome.retainUntil()).isEqualTo(now.plus(Duration.ofHours(72)));
        assertThat(outcome.volumeSnapshots()).extracting(VolumeSnapshotInfo::getSnapshotHandle)
                .containsExactly("snap-0", "snap-1", "snap-2");
    }

    @Test
    void successWithoutRetentionIsKeptForever() {
        SnapshotProgress.Outcome outcome = SnapshotProgress.evaluate(List.of(ready(0)), STARTED, STARTED.plusSeconds(5),
                null, SETTINGS);

        assertThat(outcome.phase()).isEqualTo(SnapshotPhase.SUCCEEDED);
        assertThat(outcome.retainUntil()).isNull();
    }

    @Test
    void oneNotReadyKeepsItRunning() {
        SnapshotProgress.Outcome outcome = SnapshotProgress.evaluate(List.of(ready(0), cutting(1)), STARTED,
                STARTED.plusSeconds(5), "1h", SETTINGS);

        assertThat(outcome.phase()).isEqualTo(SnapshotPhase.RUNNING);
        assertThat(outcome.completionTime()).isNull();
        assertThat(outcome.retainUntil()).isNull();
        assertThat(outcome.volumeSnapshots()).extracting(VolumeSnapshotInfo::getReadyToUse).containsExactly(true, false);
    }

    @Test
    void anErrorFailsTheBackupWithTheSnapshottersMessageAndKeepsItForRetainUnsuccessful() {
        VolumeSnapshotState refused = new VolumeSnapshotState("b-1", "qdrant-storage-qdrant-a-1", true, false, null,
                "failed to get snapshot class \"nope\"", "2026-11-24T10:00:03Z");
        Instant now = STARTED.plusSeconds(4);
        SnapshotProgress.Outcome outcome = SnapshotProgress.evaluate(List.of(ready(0), refused), STARTED, now, "1h", SETTINGS);

        assertThat(outcome.phase()).isEqualTo(SnapshotPhase.FAILED);
        assertThat(outcome.volumeSnapshots().get(1).getError().getMessage()).contains("snapshot class \"nope\"");
        assertThat(outcome.retainUntil()).isEqualTo(now.plus(Duration.ofHours(72)));
    }

    @Test
    void aDeletedVolumeSnapshotFailsTheBackup() {
        SnapshotProgress.Outcome outcome = SnapshotProgress.evaluate(
                List.of(ready(0), VolumeSnapshotState.missing("b-1", "qdrant-storage-qdrant-a-1")), STARTED,
                STARTED.plusSeconds(4), null, SETTINGS);

        assertThat(outcome.phase()).isEqualTo(SnapshotPhase.FAILED);
        assertThat(outcome.volumeSnapshots().get(1).getError().getMessage()).contains("b-1 was deleted");
    }

    @Test
    void snapshotsNotReadyAfterTheTimeoutFail() {
        SnapshotProgress.Outcome outcome = SnapshotProgress.evaluate(List.of(cutting(0)), STARTED,
                STARTED.plus(SETTINGS.snapshotTimeout()).plusSeconds(1), null, SETTINGS);

        assertThat(outcome.phase()).isEqualTo(SnapshotPhase.FAILED);
        assertThat(outcome.volumeSnapshots().get(0).getError().getMessage()).contains("not ready to use after 3h30m0s");
    }

    @Test
    void timeToExpiryCountsDownToTheDeadline() {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        assertThat(SnapshotProgress.timeToExpiry("2026-11-24T12:00:00Z", now)).contains(Duration.ofHours(2));
        assertThat(SnapshotProgress.timeToExpiry("2026-11-24T09:00:00Z", now)).get().matches(Duration::isNegative);
        assertThat(SnapshotProgress.timeToExpiry(null, now)).isEmpty();
    }

    @Test
    void retentionIsHours() {
        assertThat(SnapshotProgress.retentionPeriod("72h")).isEqualTo(Duration.ofHours(72));
        assertThatThrownBy(() -> SnapshotProgress.retentionPeriod("3d")).hasMessageContaining("not a number of hours like 72h");
    }
}
