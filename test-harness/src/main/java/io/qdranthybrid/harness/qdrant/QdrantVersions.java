package io.qdranthybrid.harness.qdrant;

/** Where Qdrant releases behave differently, by the version a node reports (e.g. {@code 1.16.2}). */
final class QdrantVersions {

    private QdrantVersions() {
    }

    /** v1.12 to v1.16.2: {@code drop_replica} aborts every transfer of the peer in the collection (fixed in v1.16.3). */
    static boolean dropReplicaAbortsEveryPeerTransfer(String version) {
        return compare(version, "1.16.3") < 0;
    }

    /** From v1.16.4 a replica being recovered from an uploaded shard snapshot is ManualRecovery, before Partial. */
    static boolean hasManualRecovery(String version) {
        return compare(version, "1.16.4") >= 0;
    }

    /** Compares {@code major.minor.patch} numerically; a part that is not a number counts as 0. */
    static int compare(String a, String b) {
        String[] left = a.split("[.\\-+]");
        String[] right = b.split("[.\\-+]");
        for (int i = 0; i < 3; i++) {
            int difference = Integer.compare(part(left, i), part(right, i));
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }

    private static int part(String[] parts, int index) {
        try {
            return index < parts.length ? Integer.parseInt(parts[index]) : 0;
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }
}
