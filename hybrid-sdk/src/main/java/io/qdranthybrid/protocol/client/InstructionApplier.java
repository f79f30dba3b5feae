package io.qdranthybrid.protocol.client;

import io.qdranthybrid.protocol.delivery.ApplyLedger;
import io.qdranthybrid.protocol.delivery.ApplyOutcome;
import io.qdranthybrid.protocol.delivery.DesiredStatePlan;
import io.qdranthybrid.protocol.message.Ack;
import io.qdranthybrid.protocol.message.AgentMessage;
import io.qdranthybrid.protocol.message.Command;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.Nack;
import io.qdranthybrid.protocol.message.NackReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qdranthybrid.protocol.message.RefusedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Hands desired states and commands to the agent core at most once, consulting and updating the {@link ApplyLedger},
 * and says what to answer: an Ack naming the revision or command, or a Nack with the reason.
 */
final class InstructionApplier {

    private static final Logger LOG = LoggerFactory.getLogger(InstructionApplier.class);

    private static final String UNSUPPORTED_KIND = "UNSUPPORTED this agent does not know the resource kind";
    private static final String TOO_LARGE = NackReason.TOO_LARGE.name();
    private static final String WITHHELD = ": its manifest alone exceeds the message size limit, so the control plane"
            + " withheld it; the agent left it as it was";

    private final ApplyLedger ledger;
    private final ControlPlaneHandler handler;

    InstructionApplier(ApplyLedger ledger, ControlPlaneHandler handler) {
        this.ledger = ledger;
        this.handler = handler;
    }

    /** @param ref the envelope id the answer refers to */
    AgentMessage apply(String ref, DesiredState desired) {
        DesiredStatePlan plan = ledger.plan(desired);
        if (plan instanceof DesiredStatePlan.AlreadyApplied) {
            return Ack.ofRevision(ref, desired.revision());
        }
        if (plan instanceof DesiredStatePlan.RevisionGap gap) {
            return new Nack(ref, NackReason.REVISION_GAP, "delta is based on revision " + gap.baseRevision()
                    + " but the agent last applied " + gap.lastApplied() + "; send a snapshot");
        }
        DesiredState toApply = ((DesiredStatePlan.Apply) plan).state();
        ApplyOutcome outcome = call(() -> handler.applyDesiredState(toApply));
        if (outcome instanceof ApplyOutcome.Applied) {
            ledger.recordApplied(desired.revision());
            LOG.info("Applied desired state revision {} ({} resources, {})", desired.revision(),
                    toApply.resources().size(), desired.mode());
        }
        return answer(ref, withUnsentRefused(toApply, outcome), Ack.ofRevision(ref, desired.revision()));
    }

    /**
     * Resources of kinds this agent does not know, and resources the control plane withheld as too large for a frame,
     * were never handed to the handler. Refuse them by name: on their own when the rest applied (the revision counts
     * as applied, like any partial refusal), or next to the handler's own refusal.
     */
    private static ApplyOutcome withUnsentRefused(DesiredState state, ApplyOutcome outcome) {
        if (state.unsupported().isEmpty() && state.withheld().isEmpty()) {
            return outcome;
        }
        String unsent = Stream.concat(
                state.unsupported().stream().map(r -> UNSUPPORTED_KIND + " '" + r.kind() + "' of " + r),
                state.withheld().stream().map(k -> TOO_LARGE + " " + k + WITHHELD))
                .collect(Collectors.joining("; "));
        List<RefusedResource> named = new ArrayList<>(outcome instanceof ApplyOutcome.Rejected rejected
                ? rejected.resources() : List.of());
        state.withheld().forEach(key -> named.add(new RefusedResource(key, NackReason.TOO_LARGE, key + WITHHELD)));
        if (outcome instanceof ApplyOutcome.Rejected rejected) {
            return ApplyOutcome.rejected(rejected.reason(), rejected.message() + "; " + unsent, named);
        }
        int refused = state.unsupported().size() + state.withheld().size();
        int total = state.resources().size() + refused;
        LOG.warn("Desired state revision {}: refused resources it did not receive whole: {}", state.revision(), unsent);
        return ApplyOutcome.rejected(state.withheld().isEmpty() ? NackReason.UNSUPPORTED : NackReason.TOO_LARGE,
                refused + " of " + total + " resources refused, the rest applied: " + unsent, named);
    }

    AgentMessage run(String ref, Command command) {
        Optional<ApplyOutcome> previous = ledger.previousOutcome(command.commandId());
        ApplyOutcome outcome;
        if (previous.isPresent()) {
            LOG.info("Command {} ({}) was already handled; repeating its outcome", command.commandId(), command.name());
            outcome = previous.get();
        } else {
            outcome = call(() -> handler.runCommand(command));
            ledger.recordCommand(command.commandId(), outcome);
        }
        return answer(ref, outcome, Ack.ofCommand(ref, command.commandId()));
    }

    private static AgentMessage answer(String ref, ApplyOutcome outcome, Ack ack) {
        if (outcome instanceof ApplyOutcome.Rejected rejected) {
            return new Nack(ref, rejected.reason(), rejected.message(), rejected.resources());
        }
        return ack;
    }

    private static ApplyOutcome call(Supplier<ApplyOutcome> action) {
        try {
            ApplyOutcome outcome = action.get();
            return outcome == null ? ApplyOutcome.rejected(NackReason.APPLY_FAILED, "the handler returned no outcome") : outcome;
        } catch (RuntimeException e) {
            // The control plane sees the failure as a retryable Nack; the stack trace stays in our log.
            LOG.error("The agent handler failed", e);
            return ApplyOutcome.rejected(NackReason.APPLY_FAILED, e.toString());
        }
    }
}
