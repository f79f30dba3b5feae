package io.qdranthybrid.samples.platform;

import io.qdranthybrid.platform.access.AccessKeyRevocationFeed;
import io.qdranthybrid.platform.desired.DesiredStateChangeFeed;

/**
 * What a replica hears of the others: desired-state revisions they saved (pushed to agents connected here) and keys
 * they revoked (cutting sessions here). Closing it stops listening.
 */
public record ReplicaFeeds(DesiredStateChangeFeed desiredState, AccessKeyRevocationFeed revocations,
                           AutoCloseable listener) implements AutoCloseable {

    @Override
    public void close() throws Exception {
        listener.close();
    }
}
