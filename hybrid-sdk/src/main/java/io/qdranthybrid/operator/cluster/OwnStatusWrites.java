package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The status the reconciler last wrote for each cluster, until its informer cache shows it. A reconcile that starts
 * from a cached copy older than the operator's own last write decides from a past it has already moved on from: in
 * an upgrade asked twice in a row, it saw the old running version again and put the old pod template back before
 * stepping to another one. Such a reconcile waits for the cache instead (read-your-writes, as Kubernetes' own
 * controllers do with their expectations). Only this reconciler writes a QdrantCluster's status; should anything
 * else, the wait ends after {@link #PATIENCE}.
 */
final class OwnStatusWrites {

    private static final Logger LOG = LoggerFactory.getLogger(OwnStatusWrites.class);
    static final Duration PATIENCE = Duration.ofSeconds(5);

    private record Written(QdrantClusterStatus status, Instant at) {
    }

    private final Clock clock;
    private final Map<String, Written> byUid = new ConcurrentHashMap<>();

    OwnStatusWrites(Clock clock) {
        this.clock = clock;
    }

    /** Remembers that {@code status} is now the cluster's status in the API server. */
    void wrote(QdrantCluster cluster, QdrantClusterStatus status) {
        byUid.put(cluster.getMetadata().getUid(), new Written(status, clock.instant()));
    }

    /** Whether {@code cached} shows the last status written for it, or nothing written is awaited any more. */
    boolean seenIn(QdrantCluster cached) {
        String uid = cached.getMetadata().getUid();
        Written written = byUid.get(uid);
        if (written == null) {
            return true;
        }
        if (Objects.equals(written.status(), cached.getStatus())) {
            byUid.remove(uid, written);
            return true;
        }
        if (clock.instant().isAfter(written.at().plus(PATIENCE))) {
            byUid.remove(uid, written);
            LOG.warn("{}/{}: the cache still does not show the status written {} ago; reconciling from what it shows",
                    cached.getMetadata().getNamespace(), cached.getMetadata().getName(), PATIENCE);
            return true;
        }
        return false;
    }

    /** Forgets a cluster that is going away. */
    void forget(QdrantCluster cluster) {
        byUid.remove(cluster.getMetadata().getUid());
    }
}
