package io.qdranthybrid.harness.timeline;

import io.qdranthybrid.protocol.client.ConnectionListener;
import io.qdranthybrid.protocol.message.Refused;
import io.qdranthybrid.protocol.message.Welcome;

import java.time.Duration;

/**
 * Writes the agent's connection to the control plane to a timeline: connected, disconnected (with why), refused.
 * Failed attempts are not recorded one by one: during an outage they repeat with back-off and would drown the rest.
 */
public final class AgentConnectionRecorder implements ConnectionListener {

    private final Timeline timeline;
    private final String subject;
    private volatile boolean failing;

    public AgentConnectionRecorder(Timeline timeline, String subject) {
        this.timeline = timeline;
        this.subject = subject;
    }

    @Override
    public void connected(Welcome welcome, boolean reconnect) {
        failing = false;
        timeline.record(TimelineSource.AGENT, subject, "connected", reconnect ? "reconnect" : "first session");
    }

    @Override
    public void disconnected(String reason) {
        timeline.record(TimelineSource.AGENT, subject, "disconnected", reason);
    }

    @Override
    public void connectFailed(Throwable cause) {
        if (!failing) {
            failing = true;
            timeline.record(TimelineSource.AGENT, subject, "connect-failed", String.valueOf(cause.getMessage()));
        }
    }

    @Override
    public void refused(Refused refused, Duration retryIn) {
        timeline.record(TimelineSource.AGENT, subject, "refused", refused.reason() + ": " + refused.message());
    }
}
