package io.qdranthybrid.harness.controlplane;

import java.util.List;

/**
 * The way a cluster goes from the version it asks for to {@code to}: the versions to ask for in turn, the target last.
 *
 * @param from the version the cluster asks for now
 * @param next the version to ask for next; empty when the cluster is there
 */
public record UpgradePathView(String clusterId, String from, String to, List<ReleaseView> steps, String next) {

    public UpgradePathView {
        steps = List.copyOf(steps);
    }
}
