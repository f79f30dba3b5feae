package io.qdranthybrid.platform.session;

/**
 * Counters of one session.
 *
 * @param unknownTypes       frames of a type this control plane does not know (ignored, forward compatibility)
 * @param rejectedInbound    frames answered with a Nack (malformed, too large, out of order)
 * @param desiredUnacked     a desired state is waiting for the agent's Ack
 */
public record SessionMetrics(long framesIn, long framesOut, long unknownTypes, long rejectedInbound,
                             long acknowledgedRevision, long sentRevision, boolean desiredUnacked,
                             int commandsInFlight) {
}
