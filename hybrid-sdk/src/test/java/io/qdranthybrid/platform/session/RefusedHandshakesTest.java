package io.qdranthybrid.platform.session;

import io.qdranthybrid.protocol.MutableClock;
import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.message.RefusalReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16: an agent refused once a second fills the log with one line per cause and a count, not a line per retry. */
class RefusedHandshakesTest {

    private static final String ROTATED = "the access key was rotated; apply the latest bootstrap commands";

    private final MutableClock clock = new MutableClock(SampleMessages.T0);
    private final RefusedHandshakes refusals = new RefusedHandshakes(clock);

    @Test
    void aRetryingAgentIsLoggedOnceThenSummarisedWithACountOncePerMinute() {
        List<String> lines = new ArrayList<>();
        for (int second = 0; second < 150; second++) {
            refusals.refused("env-1", "10.0.0.7", RefusalReason.KEY_ROTATED, ROTATED).ifPresent(lines::add);
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("env-1").contains("KEY_ROTATED").contains("apply the latest bootstrap commands")
                .contains("counted");
        assertThat(lines.get(1)).contains("60 more times for KEY_ROTATED").contains("(61 since");
        assertThat(lines.get(2)).contains("60 more times").contains("(121 since");
    }

    @Test
    void eachCauseIsLoggedOnItsOwnAndAnAdmissionReportsTheTotal() {
        assertThat(refusals.refused("env-1", "a", RefusalReason.KEY_ROTATED, ROTATED)).isPresent();
        assertThat(refusals.refused("env-1", "a", RefusalReason.KEY_ROTATED, ROTATED)).isEmpty();
        assertThat(refusals.refused("env-1", "a", RefusalReason.UNAVAILABLE, "too many")).as("a new cause").isPresent();
        assertThat(refusals.refused("env-2", "b", RefusalReason.KEY_ROTATED, ROTATED)).as("another environment")
                .isPresent();

        Optional<String> admitted = refusals.admitted("env-1");

        assertThat(admitted).hasValueSatisfying(line -> assertThat(line).contains("after 3 refused handshakes")
                .contains("KEY_ROTATED x2").contains("UNAVAILABLE x1"));
        assertThat(refusals.admitted("env-1")).as("counted once").isEmpty();
        assertThat(refusals.refused("env-1", "a", RefusalReason.KEY_ROTATED, ROTATED))
                .as("a new refusal after admission is news again").isPresent();
    }
}
