package io.qdranthybrid.protocol.message;

/**
 * Part {@code part} of {@code parts} of one desired state too large for a frame (or withholding a resource): every
 * part carries the same revision, mode and base, and the agent applies the state only once it holds all parts, in
 * order. A type of its own, not fields on {@code desired-state}: an agent that does not know it ignores it, where it
 * would have taken the first part of a snapshot for the whole one and deleted everything in the others.
 *
 * @param state this part's resources (and withheld keys) at the shared revision, mode and base
 */
public record DesiredStatePart(int part, int parts, DesiredState state) implements ControlPlaneMessage {

    /** Bounds what an agent buffers for one revision (parts × frame limit: 128 MiB at the default 1 MiB). */
    public static final int MAX_PARTS = 128;

    public DesiredStatePart {
        Require.present(state, "state");
        if (parts < 1 || parts > MAX_PARTS) {
            throw new IllegalArgumentException("parts must be between 1 and " + MAX_PARTS + " but was " + parts);
        }
        if (part < 1 || part > parts) {
            throw new IllegalArgumentException("part must be between 1 and parts (" + parts + ") but was " + part);
        }
    }

    public boolean isFirst() {
        return part == 1;
    }

    public boolean isLast() {
        return part == parts;
    }

    @Override
    public MessageType type() {
        return MessageType.DESIRED_STATE_PART;
    }
}
