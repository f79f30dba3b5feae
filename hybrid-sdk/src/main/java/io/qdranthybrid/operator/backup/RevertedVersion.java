package io.qdranthybrid.operator.backup;

/**
 * How a restore's status names the version an in-place restore went back to, so that a cluster now running an older
 * version than the one it ran before never looks like a silent change. Pure.
 */
public final class RevertedVersion {

    private RevertedVersion() {
    }

    /**
     * @param before the cluster's version before the restore; null when unknown
     * @param after  the version recorded in the backup, now the cluster's
     * @return {@code ": cluster reverted to v1.12.3 as backed up (was v1.13.0)"}, or empty when the version is the same
     *         or unknown
     */
    public static String note(String before, String after) {
        if (before == null || after == null || before.equals(after)) {
            return "";
        }
        return ": cluster reverted to " + after + " as backed up (was " + before + ")";
    }
}
