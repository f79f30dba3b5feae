package io.qdranthybrid.operator.backup;

import io.qdranthybrid.crd.SnapshotPhase;
import io.qdranthybrid.crd.VolumeSnapshotError;
import io.qdranthybrid.crd.VolumeSnapshotInfo;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How far a backup is, from what its VolumeSnapshots show: pure, so every rule (all ready = Succeeded, any error =
 * Failed, timeout, retention deadline) is tested without an API server.
 */
public final class SnapshotProgress {

    /**
     * The outcome of one look at a running backup.
     *
     * @param phase           Running, Succeeded or Failed
     * @param volumeSnapshots status.volumeSnapshots
     * @param completionTime  how long the backup took, null while running
     * @param retainUntil     when the QdrantClusterSnapshot is deleted, null while running or when kept forever
     */
    public record Outcome(SnapshotPhase phase, List<VolumeSnapshotInfo> volumeSnapshots, String completionTime,
                          Instant retainUntil) {
    }

    private SnapshotProgress() {
    }

    /**
     * @param states    every VolumeSnapshot of the backup
     * @param started   when the backup was requested (the QdrantClusterSnapshot's creation)
     * @param retention the spec's retention ({@code 72h}), null to keep a successful backup forever
     */
    public static Outcome evaluate(List<VolumeSnapshotState> states, Instant started, Instant now, String retention,
                                   BackupSettings settings) {
        Duration elapsed = Duration.between(started, now).isNegative() ? Duration.ZERO : Duration.between(started, now);
        boolean timedOut = elapsed.compareTo(settings.snapshotTimeout()) > 0;
        List<VolumeSnapshotInfo> infos = new ArrayList<>();
        boolean allReady = !states.isEmpty();
        boolean failed = false;
        for (VolumeSnapshotState state : states) {
            VolumeSnapshotInfo info = new VolumeSnapshotInfo();
            info.setVolumeSnapshotName(state.name());
            info.setVolumeName(state.claimName());
            info.setReadyToUse(state.readyToUse());
            info.setSnapshotHandle(state.snapshotHandle());
            String error = state.errorMessage();
            String errorTime = state.errorTime();
            if (!state.exists()) {
                error = "VolumeSnapshot " + state.name() + " was deleted before it was ready";
                errorTime = now.toString();
            } else if (error == null && timedOut && !state.readyToUse()) {
                error = "not ready to use after " + GoDuration.format(settings.snapshotTimeout())
                        + "; check the CSI driver and the snapshot-controller";
                errorTime = now.toString();
            }
            if (error != null) {
                VolumeSnapshotError snapshotError = new VolumeSnapshotError();
                snapshotError.setMessage(error);
                snapshotError.setTime(errorTime);
                info.setError(snapshotError);
                failed = true;
            }
            allReady &= state.readyToUse() && state.exists();
            infos.add(info);
        }
        String took = GoDuration.format(elapsed);
        if (failed) {
            return new Outcome(SnapshotPhase.FAILED, infos, took, now.plus(settings.retainUnsuccessful()));
        }
        if (allReady) {
            return new Outcome(SnapshotPhase.SUCCEEDED, infos, took,
                    retention == null ? null : now.plus(retentionPeriod(retention)));
        }
        return new Outcome(SnapshotPhase.RUNNING, infos, null, null);
    }

    /**
     * Time left before a completed backup is deleted: empty when it is kept forever, zero or negative when due.
     *
     * @throws IllegalArgumentException when retainUntil is not an RFC 3339 time
     */
    public static Optional<Duration> timeToExpiry(String retainUntil, Instant now) {
        if (retainUntil == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.between(now, Instant.parse(retainUntil)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("status.retainUntil \"" + retainUntil + "\" is not an RFC 3339 time", e);
        }
    }

    /**
     * The retention period of a {@code <hours>h} value.
     *
     * @throws IllegalArgumentException naming the accepted form
     */
    public static Duration retentionPeriod(String retention) {
        if (retention == null || !retention.matches("^[0-9]+h$")) {
            throw new IllegalArgumentException("retention \"" + retention + "\" is not a number of hours like 72h");
        }
        try {
            return Duration.ofHours(Long.parseLong(retention.substring(0, retention.length() - 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("retention \"" + retention + "\" is too large", e);
        }
    }
}
