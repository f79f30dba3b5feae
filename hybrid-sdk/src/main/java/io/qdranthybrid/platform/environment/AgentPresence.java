package io.qdranthybrid.platform.environment;

import java.time.Instant;

/**
 * Whether an environment's agent is connected right now, as the gateway saw it last: what a stored status report
 * cannot say (the agent's last report calls itself READY however long ago it went away).
 *
 * @param since  when this became true
 * @param detail why, for a human (the close reason or the refusal); empty when connected
 */
public record AgentPresence(State state, Instant since, String detail) {

    public enum State {
        /** Never seen by this control plane process (e.g. since its restart). */
        NEVER_CONNECTED,
        CONNECTED,
        DISCONNECTED,
        /** It dials in, but its Hello is refused (rotated or wrong key, protocol violation, no common version). */
        REFUSED
    }

    public static final AgentPresence NEVER_CONNECTED = new AgentPresence(State.NEVER_CONNECTED, null, "");

    public AgentPresence {
        if (state == null || (since == null && state != State.NEVER_CONNECTED)) {
            throw new IllegalArgumentException("a presence needs a state and, once seen, a time");
        }
        detail = detail == null ? "" : detail;
    }

    public static AgentPresence connected(Instant at) {
        return new AgentPresence(State.CONNECTED, at, "");
    }

    public static AgentPresence disconnected(Instant at, String why) {
        return new AgentPresence(State.DISCONNECTED, at, why);
    }

    public static AgentPresence refused(Instant at, String why) {
        return new AgentPresence(State.REFUSED, at, why);
    }

    public boolean connected() {
        return state == State.CONNECTED;
    }
}
