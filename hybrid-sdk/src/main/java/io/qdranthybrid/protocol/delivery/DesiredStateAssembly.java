package io.qdranthybrid.protocol.delivery;

import io.qdranthybrid.protocol.message.DesiredResource;
import io.qdranthybrid.protocol.message.DesiredState;
import io.qdranthybrid.protocol.message.DesiredStatePart;
import io.qdranthybrid.protocol.message.ResourceKey;
import io.qdranthybrid.protocol.message.UnsupportedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts a desired state sent in {@link DesiredStatePart}s back together on the agent. Parts must arrive in order, all
 * of one revision, mode, base and count; anything else (a missing, repeated or foreign part) discards what was
 * gathered, so nothing is applied and nothing acknowledged, and the control plane redelivers the whole series. A
 * first part always starts afresh: that is how a redelivery or a newer revision begins. Holds at most one
 * incomplete state. Not thread-safe: the agent's session thread owns it.
 */
public final class DesiredStateAssembly {

    /** What one part led to. */
    public sealed interface Result permits Incomplete, Complete, Discarded {
    }

    /** Stored; {@code received} of {@code parts} so far. */
    public record Incomplete(int received, int parts) implements Result {
    }

    /** The whole state, to be answered by {@code ref}, the envelope id of its last part. */
    public record Complete(String ref, DesiredState state) implements Result {
    }

    /** Dropped with whatever was gathered; nothing is answered, so the control plane sends the series again. */
    public record Discarded(String reason) implements Result {
    }

    private DesiredState gathering;
    private int parts;
    private int received;
    private final List<DesiredResource> resources = new ArrayList<>();
    private final List<UnsupportedResource> unsupported = new ArrayList<>();
    private final List<ResourceKey> withheld = new ArrayList<>();

    public Result accept(String ref, DesiredStatePart part) {
        if (part.isFirst()) {
            abandon();
            gathering = part.state();
            parts = part.parts();
        } else {
            Optional<String> mismatch = mismatch(part);
            if (mismatch.isPresent()) {
                abandon();
                return new Discarded(mismatch.get());
            }
        }
        received++;
        resources.addAll(part.state().resources());
        unsupported.addAll(part.state().unsupported());
        withheld.addAll(part.state().withheld());
        if (!part.isLast()) {
            return new Incomplete(received, parts);
        }
        try {
            return new Complete(ref, gathering.withContents(resources, unsupported, withheld));
        } catch (IllegalArgumentException e) {
            // Parts that are fine alone but clash together (a resource in two parts, say).
            return new Discarded("the parts of revision " + gathering.revision() + " do not form a desired state: "
                    + e.getMessage());
        } finally {
            abandon();
        }
    }

    /** Forgets an incomplete state (a whole desired state superseded it, or the session ended); true if one was held. */
    public boolean abandon() {
        boolean held = gathering != null;
        gathering = null;
        parts = 0;
        received = 0;
        resources.clear();
        unsupported.clear();
        withheld.clear();
        return held;
    }

    private Optional<String> mismatch(DesiredStatePart part) {
        DesiredState state = part.state();
        String which = "part " + part.part() + " of " + part.parts() + " of revision " + state.revision();
        if (gathering == null) {
            return Optional.of(which + " arrived without its first part");
        }
        if (state.revision() != gathering.revision() || state.mode() != gathering.mode()
                || state.baseRevision() != gathering.baseRevision() || part.parts() != parts) {
            return Optional.of(which + " does not belong to the " + parts + " parts of revision "
                    + gathering.revision() + " being gathered");
        }
        if (part.part() != received + 1) {
            return Optional.of(which + " arrived when part " + (received + 1) + " was expected");
        }
        return Optional.empty();
    }
}
