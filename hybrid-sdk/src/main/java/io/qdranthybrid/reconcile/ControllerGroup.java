package io.qdranthybrid.reconcile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;

/**
 * The controllers of one process, reconciling either always or only while this replica holds a Lease (standbys keep
 * warm caches and take over). Owns the order of start and shutdown, and tells readiness and liveness.
 */
public final class ControllerGroup implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerGroup.class);

    private final String description;
    private final List<Controller<?>> controllers;
    private final LeaderElection election;
    private final Readiness readiness;

    private ControllerGroup(String description, List<Controller<?>> controllers,
                            LeaderElection.Builder election) {
        this.description = Objects.requireNonNull(description, "description");
        this.controllers = List.copyOf(controllers);
        this.election = election == null ? null
                : election.onStartLeading(this::startReconciling).onStopLeading(this::stopReconciling).build();
        this.readiness = this.election == null ? Readiness.of(this.controllers) : Readiness.of(this.controllers, this.election);
    }

    /** Controllers that reconcile as soon as they start, e.g. a single replica. */
    public static ControllerGroup always(String description, List<Controller<?>> controllers) {
        return new ControllerGroup(description, controllers, null);
    }

    /**
     * Controllers that reconcile only while this replica leads {@code election}; the group installs its own
     * start/stop-leading callbacks on the builder.
     */
    public static ControllerGroup whileLeading(String description, List<Controller<?>> controllers,
                                               LeaderElection.Builder election) {
        Objects.requireNonNull(election, "election");
        return new ControllerGroup(description, controllers, election);
    }

    /** Starts the caches and, when leading (or without leader election), reconciling. */
    public void start() {
        if (election == null) {
            startReconciling();
            return;
        }
        controllers.forEach(Controller::startInformers);
        election.start();
    }

    private void startReconciling() {
        LOG.info("Reconciling {}", description);
        controllers.forEach(Controller::start);
    }

    private void stopReconciling() {
        LOG.info("No longer leading {}: stopping the controllers", description);
        controllers.forEach(Controller::stop);
    }

    /** Ready when the caches are synced and this replica leads or stands by. */
    public boolean isReady() {
        return readiness.isReady();
    }

    /**
     * Alive while this process can still reconcile or take over. A lost lease stops the controllers for good, and
     * informers whose first list failed never start again: rather than exit from inside an embeddable SDK (as
     * client-go's controllers do), the group reports itself dead so that the liveness probe gets the pod restarted
     * with a fresh election and fresh informers. A slow API server alone does not make it dead.
     */
    public boolean isAlive() {
        boolean electionEnded = election != null && election.state() == LeadershipState.STOPPED;
        return !electionEnded && controllers.stream().noneMatch(Controller::isDefunct);
    }

    public boolean isLeader() {
        return election == null || election.isLeader();
    }

    /**
     * Stops the workers (letting in-flight reconciles finish) and only then releases the lease: releasing it first
     * would let a standby lead while this replica's last reconciles still write.
     */
    @Override
    public void close() {
        controllers.forEach(Controller::stop);
        if (election != null) {
            election.close();
        }
    }
}
