package io.qdranthybrid.operator.backup;

import io.qdranthybrid.operator.cluster.ClusterNames;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names, labels and annotations of the objects backups and restores create; pure. */
public final class BackupNames {

    /** On VolumeSnapshots: the QdrantClusterSnapshot they belong to. */
    public static final String SNAPSHOT_LABEL = "operator.qdrant.com/cluster-snapshot";
    /** On QdrantClusterSnapshots created by a schedule: the schedule's name. */
    public static final String SCHEDULE_LABEL = "operator.qdrant.com/scheduled-snapshot";
    /** On QdrantClusterSnapshots: the cluster's spec when the backup started, as JSON, for restores to revert to. */
    public static final String CLUSTER_SPEC_ANNOTATION = "operator.qdrant.com/cluster-spec";
    /** On QdrantClusterSnapshots: the cluster's labels when the backup started, as JSON. */
    public static final String CLUSTER_LABELS_ANNOTATION = "operator.qdrant.com/cluster-labels";
    /** On PVCs and clusters a restore created or rewrote: the uid of that QdrantClusterRestore. */
    public static final String RESTORED_BY_ANNOTATION = "operator.qdrant.com/restored-by";
    /** On clusters and PVCs a restore created: the QdrantClusterSnapshot they came from. */
    public static final String RESTORED_FROM_ANNOTATION = "operator.qdrant.com/restored-from";
    /** On a cluster an in-place restore reverted: its version before, so the restore can say what it reverted. */
    public static final String VERSION_BEFORE_RESTORE_ANNOTATION = "operator.qdrant.com/version-before-restore";

    private static final int MAX_NAME = 253;
    private static final String CLUSTER_PREFIX = "qdrant-";
    private static final DateTimeFormatter SLOT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private BackupNames() {
    }

    /** The VolumeSnapshot of one PVC for one backup. */
    public static String volumeSnapshot(String snapshotName, String claimName) {
        return bounded(snapshotName + "-" + claimName);
    }

    /**
     * The QdrantClusterSnapshot a schedule creates for one slot: deterministic, so that a restarted operator that
     * runs the same slot again finds it already exists instead of creating a second one.
     */
    public static String scheduledSnapshot(String scheduleName, Instant slot) {
        return bounded(scheduleName + "-" + SLOT.format(slot));
    }

    /** The QdrantCluster object of a cluster id, as the operator expects it to be named. */
    public static String clusterName(String clusterId) {
        return CLUSTER_PREFIX + clusterId;
    }

    /**
     * The cluster id a restore destination names: {@code qdrant-<id>} names the cluster object of {@code <id>}, any
     * other name is the id itself (its object is then {@code qdrant-<name>}).
     */
    public static String clusterIdOf(String destinationName) {
        return destinationName.startsWith(CLUSTER_PREFIX) && destinationName.length() > CLUSTER_PREFIX.length()
                ? destinationName.substring(CLUSTER_PREFIX.length()) : destinationName;
    }

    private static final Pattern DATABASE_CLAIM = Pattern.compile("^qdrant-storage-qdrant-(.+)-([0-9]+)$");

    /** The node ordinal of a database PVC of {@code clusterId}; empty for any other claim. */
    public static Optional<Integer> databaseClaimOrdinal(String clusterId, String claimName) {
        Matcher matcher = DATABASE_CLAIM.matcher(claimName);
        if (!matcher.matches() || !matcher.group(1).equals(clusterId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(matcher.group(2)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The database PVC the StatefulSet of {@code clusterId} claims for node {@code ordinal}. */
    public static String databaseClaim(String clusterId, int ordinal) {
        return new ClusterNames(clusterId).databaseClaim(ordinal);
    }

    /** Shortens a too-long name deterministically, keeping its start readable and its end unique. */
    static String bounded(String name) {
        if (name.length() <= MAX_NAME) {
            return name;
        }
        String hash = sha256(name).substring(0, 10);
        return name.substring(0, MAX_NAME - hash.length() - 1) + "-" + hash;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
