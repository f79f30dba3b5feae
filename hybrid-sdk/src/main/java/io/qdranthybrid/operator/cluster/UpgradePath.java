package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.QdrantVersion;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The next version to run on the way from the running version to the one the spec asks for. Qdrant only
 * guarantees storage compatibility across one minor version, so a jump from v1.11 to v1.13 goes through
 * v1.12: the latest known v1.12 release (from QdrantRelease objects), else v1.12.0.
 */
public final class UpgradePath {

    private UpgradePath() {
    }

    /**
     * @param running the version the nodes run now
     * @param target  the version in the spec
     * @param known   releases known to exist (may be empty)
     * @return the version to roll to next, or the reason the path cannot be walked
     */
    public static Step next(QdrantVersion running, QdrantVersion target, Collection<QdrantVersion> known) {
        if (running.equals(target)) {
            return new Step.Arrived();
        }
        if (target.major() != running.major()) {
            return new Step.Refused("upgrading from " + running + " to " + target
                    + " changes the major version, which has no supported upgrade path; pick a "
                    + running.major() + ".x version");
        }
        if (target.compareTo(running) < 0 && target.minor() != running.minor()) {
            return new Step.Refused("downgrading from " + running + " to " + target
                    + " crosses a minor version, and Qdrant storage written by a newer minor may not load;"
                    + " restore a backup taken on " + target.major() + "." + target.minor() + " instead");
        }
        if (!running.skipsMinorVersionTo(target)) {
            return new Step.To(target);
        }
        int nextMinor = running.minor() + 1;
        Optional<QdrantVersion> latestPatch = known.stream()
                .filter(v -> v.major() == running.major() && v.minor() == nextMinor)
                .max(Comparator.naturalOrder());
        return new Step.To(latestPatch.orElse(new QdrantVersion(running.major(), nextMinor, 0)));
    }

    /** One step of an upgrade path. */
    public sealed interface Step {
        /** Roll the nodes to this version next. */
        record To(QdrantVersion version) implements Step {
        }

        /** Nothing to do: the nodes run the target. */
        record Arrived() implements Step {
        }

        /** The path cannot be walked; the message says why and what to do. */
        record Refused(String reason) implements Step {
        }
    }
}
