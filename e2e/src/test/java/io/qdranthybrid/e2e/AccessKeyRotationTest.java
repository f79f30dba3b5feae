package io.qdranthybrid.e2e;

import io.qdranthybrid.agent.CloudAgent;
import io.qdranthybrid.harness.controlplane.AgentCredentials;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.harness.timeline.TimelineEvent;
import io.qdranthybrid.harness.timeline.TimelineSource;
import io.qdranthybrid.platform.bootstrap.BootstrapCommands;
import io.qdranthybrid.protocol.client.ConnectionState;
import io.qdranthybrid.protocol.message.RefusalReason;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rotating the access key by generating the bootstrap commands again: the agent holding the old key loses its
 * session and cannot get a new one; the agent installed with the new commands takes over.
 */
@HybridCloudTest
class AccessKeyRotationTest {

    private static final String KEY_ROTATED = RefusalReason.KEY_ROTATED.name();

    @Test
    void rotatedKeyCutsTheOldAgentsSessionRefusesItsReconnectsAndTheNewAgentTakesOver(HybridEnvironment env,
                                                                                      Timeline timeline) {
        AgentCredentials old = env.stack().credentials().orElseThrow();
        CloudAgent oldAgent = env.stack().agent().orElseThrow();

        Instant rotated = Instant.now();
        BootstrapCommands commands = env.controlPlane().environments().bootstrap(env.id());
        timeline.mark("bootstrap commands generated again");

        assertThat(commands.accessKey().keyId()).isNotEqualTo(old.accessKey().keyId());
        // Cut at once, with the reason, then refused again each time it dials back with the old key.
        List<TimelineEvent> refusals = await("old agent cut and refused on reconnect").atMost(Waits.PROMPTLY)
                .pollInterval(Waits.POLL).until(() -> agentEventsSince(timeline, rotated).stream()
                        .filter(e -> e.event().equals("refused")).toList(), found -> found.size() >= 2);
        assertThat(refusals).allSatisfy(e -> assertThat(e.detail()).startsWith(KEY_ROTATED));
        TimelineEvent sessionEnded = timeline.first(e -> e.source() == TimelineSource.CONTROL_PLANE
                && e.event().equals("agent-disconnected") && e.at().isAfter(rotated)).orElseThrow();
        assertThat(refusals.get(1).at()).as("refused on reconnect").isAfter(sessionEnded.at());
        assertThat(agentEventsSince(timeline, rotated)).extracting(TimelineEvent::event).doesNotContain("connected");
        assertThat(oldAgent.connectionState()).isNotEqualTo(ConnectionState.CONNECTED);
        assertThat(env.view().connected()).isFalse();

        // Running the new commands installs the agent with the new key.
        env.stack().installAgent(new AgentCredentials(env.id(), commands.namespace(), commands.accessKey(),
                env.controlPlane().agentUrl()));
        timeline.mark("agent reinstalled with the new key");

        env.awaitReady(Waits.CONVERGE);
        await("new agent connected").atMost(Waits.PROMPTLY).pollInterval(Waits.POLL)
                .until(() -> env.view().connected());
        assertThat(env.stack().agent()).get().isNotSameAs(oldAgent)
                .extracting(CloudAgent::connectionState).isEqualTo(ConnectionState.CONNECTED);
        assertThat(oldAgent.connectionState()).isEqualTo(ConnectionState.CLOSED);
        assertThat(agentEventsSince(timeline, rotated)).extracting(TimelineEvent::event)
                .containsSubsequence("refused", "stopped", "started", "connected");
    }

    private static List<TimelineEvent> agentEventsSince(Timeline timeline, Instant since) {
        return timeline.events(TimelineSource.AGENT).stream().filter(e -> !e.at().isBefore(since)).toList();
    }
}
