package io.qdranthybrid.protocol.delivery;

import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.DesiredStateMode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers what the agent applied so that at-least-once delivery applies nothing twice: the last applied
 * desired-state revision (sent in the Hello so the control plane resumes from it) and the outcomes of the most recent
 * commands. Seed it with a persisted revision to survive restarts. Thread-safe.
 */
public final class ApplyLedger {

    private final int rememberedCommands;
    private final Map<String, ApplyOutcome> commandOutcomes;
    private long lastAppliedRevision;

    public ApplyLedger(long lastAppliedRevision, int rememberedCommands) {
        if (lastAppliedRevision < 0) {
            throw new IllegalArgumentException("lastAppliedRevision must be >= 0 but was " + lastAppliedRevision);
        }
        if (rememberedCommands < 1) {
            throw new IllegalArgumentException("rememberedCommands must be >= 1 but was " + rememberedCommands);
        }
        this.lastAppliedRevision = lastAppliedRevision;
        this.rememberedCommands = rememberedCommands;
        this.commandOutcomes = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ApplyOutcome> eldest) {
                return size() > ApplyLedger.this.rememberedCommands;
            }
        };
    }

    /** A fresh agent: nothing applied, the last 1,000 commands remembered. */
    public ApplyLedger() {
        this(0, 1000);
    }

    public synchronized long lastAppliedRevision() {
        return lastAppliedRevision;
    }

    public synchronized DesiredStatePlan plan(DesiredState state) {
        if (state.revision() <= lastAppliedRevision) {
            return new DesiredStatePlan.AlreadyApplied(state.revision(), lastAppliedRevision);
        }
        if (state.mode() == DesiredStateMode.SNAPSHOT) {
            return new DesiredStatePlan.Apply(state);
        }
        if (state.baseRevision() > lastAppliedRevision) {
            return new DesiredStatePlan.RevisionGap(state.baseRevision(), lastAppliedRevision);
        }
        // A delta from an older base overlaps what we applied; resources at or below our revision are done.
        long applied = lastAppliedRevision;
        List<DesiredResource> pending = state.resources().stream().filter(r -> r.revision() > applied).toList();
        return new DesiredStatePlan.Apply(state.withResources(pending));
    }

    /** Records a successfully applied revision; never moves backwards. */
    public synchronized void recordApplied(long revision) {
        lastAppliedRevision = Math.max(lastAppliedRevision, revision);
    }

    /** The remembered final outcome of a command already handled, empty if it is new (or retryable). */
    public synchronized Optional<ApplyOutcome> previousOutcome(String commandId) {
        return Optional.ofNullable(commandOutcomes.get(commandId));
    }

    /** Remembers a final outcome; retryable failures are not remembered so a redelivery runs the command again. */
    public synchronized void recordCommand(String commandId, ApplyOutcome outcome) {
        if (outcome.isFinal()) {
            commandOutcomes.put(commandId, outcome);
        }
    }
}
