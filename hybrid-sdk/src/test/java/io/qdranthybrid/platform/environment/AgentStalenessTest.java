package io.qdranthybrid.platform.environment;

import io.qdranthybrid.protocol.MutableClock;
import io.qdranthybrid.protocol.SampleMessages;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 18 item 4: when an agent's reports count as stale, which gates UNKNOWN and forced deletes. */
class AgentStalenessTest {

    private final MutableClock clock = new MutableClock(SampleMessages.T0);
    private final AgentStaleness staleness = new AgentStaleness(clock, Duration.ofMinutes(5));

    private Environment contactedNow() {
        return Environment.create("env-1", "prod", "qdrant", EnvironmentConfiguration.defaults(), clock.instant())
                .withContact(clock.instant());
    }

    @Test
    void aConnectedAgentHeardWithinTheWindowIsNotStale() {
        Environment environment = contactedNow();
        clock.advance(Duration.ofMinutes(4));

        assertThat(staleness.of(environment, AgentPresence.connected(SampleMessages.T0)).stale()).isFalse();
    }

    @Test
    void aShortDisconnectIsNotStalenessAndSaysWhenItWouldBe() {
        Environment environment = contactedNow();
        clock.advance(Duration.ofMinutes(1));
        AgentPresence gone = AgentPresence.disconnected(clock.instant(), "1006");
        clock.advance(Duration.ofMinutes(4));

        Staleness now = staleness.of(environment, gone);

        assertThat(now.stale()).isFalse();
        assertThat(now.lastHeardAt()).as("the disconnect is later than the last recorded contact")
                .isEqualTo(SampleMessages.T0.plus(Duration.ofMinutes(1)));
        assertThat(now.why()).contains("count as stale from " + SampleMessages.T0.plus(Duration.ofMinutes(6)));
    }

    @Test
    void anAgentSilentLongerThanTheWindowIsStaleSinceTheEndOfTheWindow() {
        Environment environment = contactedNow();
        AgentPresence gone = AgentPresence.disconnected(clock.instant(), "1006");
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        Staleness now = staleness.of(environment, gone);

        assertThat(now.stale()).isTrue();
        assertThat(now.everHeard()).isTrue();
        assertThat(now.staleAt()).isEqualTo(SampleMessages.T0.plus(Duration.ofMinutes(5)));
        assertThat(now.why()).contains("no word from the agent since " + SampleMessages.T0).contains("301 s")
                .contains("300 s staleness window");
    }

    @Test
    void anAgentNeverHeardFromIsStaleButCreatedNothing() {
        Environment environment = Environment.create("env-1", "prod", "qdrant", EnvironmentConfiguration.defaults(),
                clock.instant());

        Staleness now = staleness.of(environment, AgentPresence.NEVER_CONNECTED);

        assertThat(now.stale()).isTrue();
        assertThat(now.everHeard()).isFalse();
        assertThat(now.why()).contains("never connected");
    }

    @Test
    void theWindowMustBePositive() {
        assertThatThrownBy(() -> new AgentStaleness(clock, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be positive");
    }
}
