package io.qdranthybrid.operator.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The plan the decision's steps build in order: their actions and problems appended, the latest step's progress
 * replacing an earlier one (a restart during an upgrade says what it restarts), so the status shows one activity.
 */
final class PlanSoFar {

    private final List<PlannedAction> actions = new ArrayList<>();
    /** What the user must know and act on; each becomes an Event when it first appears. */
    private final List<Problem> problems = new ArrayList<>();
    private Progress progress;
    /** Leave the StatefulSet absent: a node is stopped while its volumes grow offline. */
    private boolean holdStatefulSet;

    void add(StepOutcome step) {
        actions.addAll(step.actions());
        problems.addAll(step.problems());
        step.progress().ifPresent(p -> progress = p);
        holdStatefulSet |= step.holdStatefulSet();
    }

    /** Whether a step has something in progress: later steps that would disturb it then stand back. */
    boolean busy() {
        return progress != null;
    }

    Optional<Progress> progress() {
        return Optional.ofNullable(progress);
    }

    List<PlannedAction> actions() {
        return List.copyOf(actions);
    }

    List<Problem> problems() {
        return List.copyOf(problems);
    }

    boolean holdStatefulSet() {
        return holdStatefulSet;
    }
}
