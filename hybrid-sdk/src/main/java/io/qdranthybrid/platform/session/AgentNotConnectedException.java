package io.qdranthybrid.platform.session;

import io.qdranthybrid.platform.environment.AgentPresence;

/**
 * A query needs the agent's live session on this replica, and there is none: the agent is disconnected (since
 * {@link #presence()}'s time), refused, or connected to another replica of the control plane.
 */
public final class AgentNotConnectedException extends RuntimeException {

    private final String environmentId;
    private final AgentPresence presence;

    public AgentNotConnectedException(String environmentId, AgentPresence presence) {
        super(describe(environmentId, presence));
        this.environmentId = environmentId;
        this.presence = presence;
    }

    public String environmentId() {
        return environmentId;
    }

    public AgentPresence presence() {
        return presence;
    }

    private static String describe(String environmentId, AgentPresence presence) {
        String agent = "the agent of environment " + environmentId;
        return switch (presence.state()) {
            case NEVER_CONNECTED -> agent + " has not connected yet; run the bootstrap commands in the cluster";
            case CONNECTED -> agent + " is connected to another replica of the control plane; ask again (a "
                    + "reconnect may bring it here)";
            case DISCONNECTED -> agent + " is disconnected since " + presence.since()
                    + (presence.detail().isEmpty() ? "" : " (" + presence.detail() + ")")
                    + "; its cluster keeps running, but logs and events can only be read while it is connected";
            case REFUSED -> agent + " is refused since " + presence.since() + ": " + presence.detail();
        };
    }
}
