package io.qdranthybrid.operator.backup;

import io.qdranthybrid.crd.QdrantClusterSnapshot;
import io.qdranthybrid.crd.SnapshotPhase;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What a backup schedule's status.message says about its runs: whether runs are being skipped now and why, the next
 * run, the last backup it took and how that went with the reason when it did not succeed ("last run
 * 2026-11-25T00:00:00Z: backup nightly-20261125000000 was skipped: cluster orders is suspended; resume it to back it
 * up"), and how many runs in a row were skipped. The real CRD's status has only phase, scheduled and message, so the
 * message carries it. Pure.
 */
final class ScheduleReport {

    private ScheduleReport() {
    }

    /**
     * The whole message: "skipping runs: cluster orders is NotReady (...); next run 2026-11-25T01:00:00Z; last run
     * ...; 3 runs in a row skipped".
     *
     * @param runs     the backups this schedule took that still exist, in any order
     * @param next     the next run
     * @param skipping why a run taken now would be skipped, if it would (see {@link BackupEligibility})
     */
    static String describe(List<QdrantClusterSnapshot> runs, Instant next, java.util.Optional<String> skipping) {
        List<String> parts = new java.util.ArrayList<>();
        skipping.ifPresent(why -> parts.add("skipping runs: " + why));
        parts.add("next run " + next);
        String last = of(runs);
        parts.add(last == null ? "no run yet" : last);
        long skippedInARow = skippedInARow(runs);
        if (skippedInARow > 1) {
            parts.add(skippedInARow + " runs in a row skipped");
        }
        return String.join("; ", parts);
    }

    /** Runs skipped since the last one that was not, newest first. */
    private static long skippedInARow(List<QdrantClusterSnapshot> runs) {
        List<QdrantClusterSnapshot> newestFirst = runs.stream()
                .filter(run -> run.getSpec() != null && run.getSpec().getCreationTimestamp() != null)
                .sorted(Comparator.comparing((QdrantClusterSnapshot run) -> run.getSpec().getCreationTimestamp())
                        .reversed())
                .toList();
        long count = 0;
        for (QdrantClusterSnapshot run : newestFirst) {
            if (run.getStatus() == null || run.getStatus().getPhase() != SnapshotPhase.SKIPPED) {
                break;
            }
            count++;
        }
        return count;
    }

    /** @param runs the backups this schedule took that still exist, in any order; null message when there are none */
    static String of(List<QdrantClusterSnapshot> runs) {
        return runs.stream()
                .filter(run -> run.getSpec() != null && run.getSpec().getCreationTimestamp() != null)
                .max(Comparator.comparing((QdrantClusterSnapshot run) -> run.getSpec().getCreationTimestamp())
                        .thenComparing(run -> run.getMetadata().getName()))
                .map(ScheduleReport::describe)
                .orElse(null);
    }

    private static String describe(QdrantClusterSnapshot run) {
        String head = "last run " + Instant.ofEpochSecond(run.getSpec().getCreationTimestamp()) + ": backup "
                + run.getMetadata().getName();
        SnapshotPhase phase = run.getStatus() == null ? null : run.getStatus().getPhase();
        Object reason = run.getStatus() == null ? null
                : run.getStatus().getUnknownFields().get(QdrantClusterSnapshotReconciler.MESSAGE);
        String because = reason == null || reason.toString().isBlank() ? "" : ": " + reason;
        if (phase == null) {
            return head + " is created and not started yet";
        }
        return switch (phase) {
            case SUCCEEDED -> head + " succeeded";
            case RUNNING -> head + " is running" + because;
            case SKIPPED -> head + " was skipped" + because;
            case FAILED -> head + " failed" + because;
        };
    }
}
