package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantVersion;
import io.qdranthybrid.operator.cluster.ClusterObservation.NodeObservation;

import java.util.Optional;

import static io.qdranthybrid.operator.cluster.ClusterLifecycle.IN_PROGRESS;

/**
 * Which Qdrant version the pods run this reconcile: the one recorded in status until the last rollout is complete,
 * then the next step of {@link UpgradePath} (one minor version at a time) towards spec.version, or a refusal when no
 * supported path leads there. A new cluster starts at spec.version directly. Pure: observation in, decision out.
 */
final class UpgradeDecision {

    /**
     * @param versions the version recorded before, the one rolled to now, and the one asked for
     * @param refused  why the path to spec.version is refused, if it is
     * @param progress the upgrade step started, if one is
     */
    record Outcome(Versions versions, Optional<String> refused, Optional<Progress> progress) {
    }

    /**
     * @param previous  status.version as last written, null for a new cluster
     * @param rollingTo the version the pods get this reconcile
     * @param wanted    spec.version
     */
    record Versions(String previous, String rollingTo, String wanted) {

        /** Whether pods are being moved to another version, now or by a rollout this decision started. */
        boolean upgrading() {
            return !rollingTo.equals(wanted) || (previous != null && !previous.equals(rollingTo));
        }

        /**
         * Up to v1.16.2 {@code drop_replica} aborts every transfer of the peer in the collection. The oldest version
         * that may run decides: the one recorded before this reconcile, the one rolled to now, and spec.version.
         */
        boolean dropAbortsPeerTransfers() {
            QdrantVersion fixed = new QdrantVersion(1, 16, 3);
            for (String version : new String[] {previous, rollingTo, wanted}) {
                if (version != null && QdrantVersion.parse(version).map(v -> v.compareTo(fixed) < 0).orElse(true)) {
                    return true;
                }
            }
            return false;
        }
    }

    private UpgradeDecision() {
    }

    /** @param recorded status.version as last written, null for a new cluster */
    static Outcome decide(ClusterObservation world, String recorded) {
        String wanted = world.cluster().getSpec().getVersion();
        String current = recorded == null || world.statefulSet().isEmpty() ? wanted : recorded;
        if (current.equals(wanted) || !rolloutComplete(world)) {
            return new Outcome(new Versions(recorded, current, wanted), Optional.empty(), Optional.empty());
        }
        QdrantVersion from = QdrantVersion.parse(current).orElseThrow();
        QdrantVersion to = QdrantVersion.parse(wanted).orElseThrow();
        UpgradePath.Step step = UpgradePath.next(from, to, world.knownReleases());
        if (step instanceof UpgradePath.Step.Refused refused) {
            return new Outcome(new Versions(recorded, current, wanted), Optional.of(refused.reason()),
                    Optional.empty());
        }
        if (step instanceof UpgradePath.Step.To next) {
            String message = "upgrading from " + current + " to " + next.version()
                    + (next.version().toString().equals(wanted) ? "" : " on the way to " + wanted);
            return new Outcome(new Versions(recorded, next.version().toString(), wanted), Optional.empty(),
                    Optional.of(new Progress(ClusterPhase.UPGRADING, message, IN_PROGRESS)));
        }
        return new Outcome(new Versions(recorded, current, wanted), Optional.empty(), Optional.empty());
    }

    /** The StatefulSet has rolled every pod to its current template: only then is the next version rolled out. */
    private static boolean rolloutComplete(ClusterObservation world) {
        return world.statefulSet().map(sts -> sts.settled() && sts.updateRevision() != null
                && RollingRestartPlanner.complete(RestartDecision.podStates(world, NodeObservation::ready),
                sts.updateRevision(), sts.replicas())).orElse(false);
    }
}
