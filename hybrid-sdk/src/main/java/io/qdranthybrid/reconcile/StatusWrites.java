package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read-your-writes for status: the resourceVersion each of our status writes produced, until the informer cache shows
 * that version. A reconcile that starts from an older cached copy decides from a past it has already moved on from
 * (an upgrade stepped back to the previous template; a finished backup "finished" again with new times), so the
 * {@link Controller} puts it off instead, as Kubernetes' own controllers do with their expectations.
 *
 * <p>resourceVersions are opaque to clients; the API servers we run on (etcd, kine, the simulated one) issue them as
 * increasing integers, and where one does not, nothing is awaited. Should the cache never catch up (a watch stuck),
 * the wait ends after {@link #PATIENCE}.
 */
public final class StatusWrites {

    private static final Logger LOG = LoggerFactory.getLogger(StatusWrites.class);
    static final Duration PATIENCE = Duration.ofSeconds(5);

    private record Written(long resourceVersion, Instant at) {
    }

    private final Clock clock;
    private final Map<String, Written> byUid = new ConcurrentHashMap<>();

    public StatusWrites(Clock clock) {
        this.clock = clock;
    }

    /** Remembers the version a status write returned. */
    void wrote(HasMetadata written) {
        String uid = written.getMetadata().getUid();
        OptionalLong version = version(written);
        if (uid != null && version.isPresent()) {
            byUid.merge(uid, new Written(version.getAsLong(), clock.instant()),
                    (old, now) -> now.resourceVersion() >= old.resourceVersion() ? now : old);
        }
    }

    /** Whether {@code cached} predates our last status write of it, so reconciling it now would act on the past. */
    public boolean cacheLagsBehind(HasMetadata cached) {
        String uid = cached.getMetadata().getUid();
        Written written = uid == null ? null : byUid.get(uid);
        if (written == null) {
            return false;
        }
        OptionalLong version = version(cached);
        if (version.isEmpty() || version.getAsLong() >= written.resourceVersion()) {
            byUid.remove(uid, written);
            return false;
        }
        if (clock.instant().isAfter(written.at().plus(PATIENCE))) {
            byUid.remove(uid, written);
            LOG.warn("The cache still shows {} {}/{} at version {}, older than our status write ({}) {} ago; "
                            + "reconciling from what it shows", cached.getKind(), cached.getMetadata().getNamespace(),
                    cached.getMetadata().getName(), version.getAsLong(), written.resourceVersion(), PATIENCE);
            return false;
        }
        return true;
    }

    private static OptionalLong version(HasMetadata object) {
        String version = object.getMetadata().getResourceVersion();
        if (version == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(version));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
