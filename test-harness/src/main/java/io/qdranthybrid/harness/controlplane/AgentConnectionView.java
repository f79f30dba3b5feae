package io.qdranthybrid.harness.controlplane;

import io.qdranthybrid.platform.environment.AgentPresence;

import java.time.Instant;

/**
 * An environment's agent connection as the gateway sees it now: connected, disconnected, refused (its handshake is
 * turned away, e.g. after its access key was rotated) or never connected, since when, and why.
 *
 * @param state         {@code CONNECTED}, {@code DISCONNECTED}, {@code REFUSED} or {@code NEVER_CONNECTED}
 * @param since         when it entered this state; null when never connected
 * @param detail        the close reason or the refusal; empty when connected
 * @param lastContactAt when the agent was last heard from; null if never
 */
public record AgentConnectionView(String environmentId, String state, Instant since, String detail,
                                  Instant lastContactAt) {

    static AgentConnectionView of(EnvironmentView environment, AgentPresence presence) {
        return new AgentConnectionView(environment.id(), presence.state().name(), presence.since(), presence.detail(),
                environment.lastContactAt());
    }
}
