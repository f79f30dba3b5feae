package io.qdranthybrid.platform.environment;

import io.qdranthybrid.platform.PlatformFixture;
import io.qdranthybrid.protocol.MutableClock;
import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.message.ComponentPhase;
import io.qdranthybrid.protocol.message.ComponentStatus;
import io.qdranthybrid.protocol.message.EnvironmentStatus;
import io.qdranthybrid.protocol.message.NodeCapacity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15 item 14: the rolled-up status says when the agent is gone or refused, and why a change is pending. */
class StatusTruthTest {

    private final MutableClock clock = new MutableClock(SampleMessages.T0);
    private final EnvironmentStatusRollup rollup = new EnvironmentStatusRollup(clock);

    private Environment reportedReady() {
        EnvironmentStatus status = new EnvironmentStatus("v1.31.2", "K3S", 3, new NodeCapacity("24", "96Gi", "300Gi"),
                List.of("local-path"), List.of(), List.of(
                new ComponentStatus(ComponentStatus.AGENT, "qdrant", "0.1.0", ComponentPhase.READY, ""),
                PlatformFixture.environmentStatus(clock.instant(), ComponentPhase.READY, ComponentPhase.READY)
                        .components().get(0)), clock.instant());
        return Environment.create("env-1", "prod", "qdrant", EnvironmentConfiguration.defaults(), clock.instant())
                .withObservedStatus(status, clock.instant());
    }

    @Test
    void aConnectedAgentsReadyReportMakesTheEnvironmentReady() {
        Environment environment = reportedReady();

        assertThat(rollup.rollUp(environment, AgentPresence.connected(clock.instant())).phase())
                .isEqualTo(EnvironmentPhase.READY);
        assertThat(rollup.components(environment, AgentPresence.connected(clock.instant())))
                .allMatch(c -> c.phase() == ComponentPhase.READY);
    }

    @Test
    void aDisconnectedAgentMakesTheEnvironmentUnknownAndItsComponentNotReadyAtOnce() {
        Environment environment = reportedReady();
        clock.advance(Duration.ofSeconds(5));
        AgentPresence gone = AgentPresence.disconnected(clock.instant(), "connection ended: 1006");

        EnvironmentHealth health = rollup.rollUp(environment, gone);

        assertThat(health.phase()).isEqualTo(EnvironmentPhase.UNKNOWN);
        assertThat(health.message()).contains("disconnected").contains("1006");
        ComponentStatus agent = rollup.components(environment, gone).get(0);
        assertThat(agent.name()).isEqualTo(ComponentStatus.AGENT);
        assertThat(agent.phase()).isEqualTo(ComponentPhase.NOT_READY);
        assertThat(agent.message()).contains("disconnected since");
    }

    @Test
    void aRefusedAgentMakesTheEnvironmentNotReadyWithTheReason() {
        AgentPresence refused = AgentPresence.refused(clock.instant(), "KEY_ROTATED (apply the latest bootstrap commands)");

        EnvironmentHealth health = rollup.rollUp(reportedReady(), refused);

        assertThat(health.phase()).isEqualTo(EnvironmentPhase.NOT_READY);
        assertThat(health.message()).contains("refused").contains("KEY_ROTATED");
        assertThat(rollup.components(reportedReady(), refused).get(0).phase()).isEqualTo(ComponentPhase.NOT_READY);
    }

    @Test
    void aResourceAheadOfItsReportIsPendingWithWhy() {
        AgentPresence connected = AgentPresence.connected(clock.instant());

        assertThat(DesiredProgress.of(5, 5, connected, 5, null)).isEqualTo(DesiredProgress.IN_SYNC);
        assertThat(DesiredProgress.of(6, 5, connected, 5, null).why()).contains("being delivered");
        assertThat(DesiredProgress.of(6, 5, connected, 6, null).why()).contains("waiting for the operator's status report");
        assertThat(DesiredProgress.of(6, 5, AgentPresence.disconnected(clock.instant(), ""), 0, null).why())
                .startsWith("not yet applied (agent disconnected since " + clock.instant() + ")");
        assertThat(DesiredProgress.of(6, 5, AgentPresence.refused(clock.instant(), "BAD_ACCESS_KEY"), 0, null).why())
                .contains("agent refused since").contains(": BAD_ACCESS_KEY");
        assertThat(DesiredProgress.of(6, 5, connected, 6, "INVALID metadata is not an object").why())
                .contains("rejected").contains("INVALID");
        assertThat(DesiredProgress.of(6, 0, AgentPresence.NEVER_CONNECTED, 0, null).pending()).isTrue();
    }

    /** Issue 16: an away agent's environment says what to check, not only that it is away. */
    @Test
    void anAwayOrSilentAgentsEnvironmentSaysWhatToCheck() {
        Environment environment = reportedReady();
        clock.advance(Duration.ofMinutes(6));

        EnvironmentHealth silent = rollup.rollUp(environment, AgentPresence.connected(clock.instant()));
        EnvironmentHealth gone = rollup.rollUp(environment, AgentPresence.disconnected(clock.instant(), "1006"));

        assertThat(silent.phase()).isEqualTo(EnvironmentPhase.UNKNOWN);
        assertThat(silent.message()).contains("no word from the agent for 360 s").contains("longer than the 300 s")
                .contains("kubectl -n qdrant logs deploy/qdrant-cloud-agent");
        assertThat(gone.message()).contains("It reconnects by itself")
                .contains("kubectl -n qdrant logs deploy/qdrant-cloud-agent");
    }
}
