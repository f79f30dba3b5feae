package io.qdranthybrid.platform.release;

import java.util.List;

/** The way from a cluster's version to a target, as the catalogue offers it. */
public sealed interface UpgradePlan {

    /**
     * The versions to run in turn, the target last; empty when the cluster already asks for the target.
     */
    record Steps(List<Release> steps) implements UpgradePlan {
        public Steps {
            steps = List.copyOf(steps);
        }

        /** The version to ask for next, if any. */
        public java.util.Optional<Release> next() {
            return steps.stream().findFirst();
        }
    }

    /** There is no way there; the reason says why and what to do. */
    record Refused(String reason) implements UpgradePlan {
    }
}
