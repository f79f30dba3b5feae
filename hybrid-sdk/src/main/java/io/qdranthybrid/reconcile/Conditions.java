package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.Condition;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Maintains Kubernetes-style conditions in a status: one entry per type, lastTransitionTime moved only when the
 * status flips, so writing the same condition twice is not a change (and costs no status write).
 */
public final class Conditions {

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";
    private static final Set<String> STATUSES = Set.of(TRUE, FALSE, UNKNOWN);

    private final Clock clock;

    public Conditions(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Sets condition {@code type} in the mutable list {@code conditions}, adding it if absent.
     *
     * @return whether anything in the list changed
     */
    public boolean set(List<Condition> conditions, String type, String status, String reason, String message,
                       Long observedGeneration) {
        Objects.requireNonNull(type, "type");
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("condition status must be one of " + STATUSES + ", got " + status);
        }
        Optional<Condition> existing = find(conditions, type);
        if (existing.isEmpty()) {
            Condition condition = new Condition();
            condition.setType(type);
            condition.setStatus(status);
            condition.setReason(reason);
            condition.setMessage(message);
            condition.setObservedGeneration(observedGeneration);
            condition.setLastTransitionTime(now());
            conditions.add(condition);
            return true;
        }
        Condition condition = existing.get();
        boolean flipped = !status.equals(condition.getStatus());
        boolean changed = flipped
                || !Objects.equals(reason, condition.getReason())
                || !Objects.equals(message, condition.getMessage())
                || !Objects.equals(observedGeneration, condition.getObservedGeneration());
        condition.setStatus(status);
        condition.setReason(reason);
        condition.setMessage(message);
        condition.setObservedGeneration(observedGeneration);
        if (flipped || condition.getLastTransitionTime() == null) {
            condition.setLastTransitionTime(now());
            changed = true;
        }
        return changed;
    }

    /** The condition of this type, if present. */
    public static Optional<Condition> find(List<Condition> conditions, String type) {
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(condition -> type.equals(condition.getType())).findFirst();
    }

    /** Whether the condition of this type is present with status True. */
    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(condition -> TRUE.equals(condition.getStatus())).orElse(false);
    }

    private String now() {
        return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }
}
