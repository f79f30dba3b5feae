package io.qdranthybrid.reconcile;

import java.util.List;
import java.util.Objects;

/** Readiness of a process running controllers: every informer synced and, with leader election, leader or standby. */
public final class Readiness {

    private final List<Controller<?>> controllers;
    private final LeaderElection election;

    private Readiness(List<Controller<?>> controllers, LeaderElection election) {
        this.controllers = List.copyOf(controllers);
        this.election = election;
    }

    /** Readiness of controllers running without leader election. */
    public static Readiness of(List<Controller<?>> controllers) {
        return new Readiness(controllers, null);
    }

    /** Readiness of controllers whose reconciling is gated by {@code election}. */
    public static Readiness of(List<Controller<?>> controllers, LeaderElection election) {
        return new Readiness(controllers, Objects.requireNonNull(election, "election"));
    }

    public boolean isReady() {
        boolean synced = controllers.stream().allMatch(Controller::hasSynced);
        return synced && (election == null || election.isParticipating());
    }
}
