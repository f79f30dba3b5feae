package io.qdranthybrid.harness.sandbox;

import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.harness.controlplane.ClusterView;
import io.qdranthybrid.harness.controlplane.EnvironmentView;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.controlplane.NotFoundException;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;

/**
 * The demo: onboard the environment, then ask the control plane for a 3-node cluster and wait until it is Healthy.
 * A step that does not finish in time fails the scenario with what was last seen, so a smoke test says why.
 */
final class DemoScenario {

    static final String CLUSTER_ID = "demo";
    static final int NODES = 3;
    static final String VERSION = "v1.12.3";

    private final HybridEnvironment environment;
    private final Instant deadline;

    DemoScenario(HybridEnvironment environment, Duration timeout) {
        this.environment = environment;
        this.deadline = Instant.now().plus(timeout);
    }

    /** @throws ScenarioFailedException naming the step and what was last seen */
    ClusterView run() {
        environment.onboard();
        try {
            environment.awaitReady(remaining());
        } catch (ConditionTimeoutException e) {
            EnvironmentView view = environment.view();
            throw new ScenarioFailedException("the environment did not become READY: it is " + view.phase()
                    + (view.phaseMessage().isEmpty() ? "" : " (" + view.phaseMessage() + ")"));
        }
        environment.createCluster(NewCluster.of(CLUSTER_ID, NODES, VERSION));
        try {
            return environment.awaitCluster(CLUSTER_ID, ClusterPhase.HEALTHY, remaining());
        } catch (ConditionTimeoutException e) {
            throw new ScenarioFailedException("cluster " + CLUSTER_ID + " did not become Healthy: " + lastSeen());
        }
    }

    private String lastSeen() {
        try {
            ClusterView view = environment.controlPlane().clusters().get(environment.id(), CLUSTER_ID);
            return "the control plane last saw it " + (view.phase().isEmpty() ? "without a phase" : view.phase())
                    + (view.reason() == null || view.reason().isEmpty() ? "" : " (" + view.reason() + ")")
                    + " with " + view.nodesReady() + " of " + view.nodes() + " nodes ready";
        } catch (NotFoundException e) {
            return "the control plane no longer knows it";
        }
    }

    private Duration remaining() {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new ScenarioFailedException("the scenario ran out of time");
        }
        return left;
    }

    /** The scenario did not reach its goal; the message says which step and why. */
    static final class ScenarioFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ScenarioFailedException(String message) {
            super(message);
        }
    }
}
