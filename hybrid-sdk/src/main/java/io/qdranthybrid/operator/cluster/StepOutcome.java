package io.qdranthybrid.operator.cluster;

import java.util.List;
import java.util.Optional;

/**
 * What one step of a cluster's decision decided (scale, storage, recreate a node, restart, rebalance): the actions to
 * perform, the problems to show, what is now in progress, and the conditions the step writes itself.
 *
 * @param progress        what the step started or waits for; empty when it has nothing in progress
 * @param conditions      written in this order, before the status report writes its own
 * @param holdStatefulSet leave the StatefulSet absent or unchanged this reconcile
 */
record StepOutcome(List<PlannedAction> actions, List<Problem> problems, Optional<Progress> progress,
                   List<ConditionChange> conditions, boolean holdStatefulSet) {

    StepOutcome {
        actions = List.copyOf(actions);
        problems = List.copyOf(problems);
        conditions = List.copyOf(conditions);
    }

    static StepOutcome nothing() {
        return new StepOutcome(List.of(), List.of(), Optional.empty(), List.of(), false);
    }

    static StepOutcome of(List<PlannedAction> actions, Progress progress) {
        return new StepOutcome(actions, List.of(), Optional.of(progress), List.of(), false);
    }

    /** A condition a step writes: set to a value, or made to list problems (absent while there are none). */
    sealed interface ConditionChange {

        record Write(String type, String status, String reason, String message) implements ConditionChange {
        }

        record ListProblems(String type, List<Problem> found) implements ConditionChange {
            public ListProblems {
                found = List.copyOf(found);
            }
        }
    }
}
