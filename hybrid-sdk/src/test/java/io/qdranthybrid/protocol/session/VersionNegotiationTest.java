package io.qdranthybrid.protocol.session;

import io.qdranthybrid.protocol.message.RefusalReason;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class VersionNegotiationTest {

    @Test
    void picksTheHighestVersionBothSidesSpeak() {
        assertThat(VersionNegotiation.negotiate(List.of(1, 2, 3), Set.of(2, 3, 4)))
                .isEqualTo(new VersionNegotiation.Agreed(3));
    }

    @Test
    void anOlderAgentGetsItsOwnHighestVersion() {
        assertThat(VersionNegotiation.negotiate(List.of(1), Set.of(1, 2))).isEqualTo(new VersionNegotiation.Agreed(1));
    }

    @Test
    void noCommonVersionIsRefusedWithBothSidesNamed() {
        VersionNegotiation.Result result = VersionNegotiation.negotiate(List.of(1), Set.of(2, 3));

        assertThat(result).isInstanceOfSatisfying(VersionNegotiation.NoCommonVersion.class, refusal -> {
            assertThat(refusal.refused().reason()).isEqualTo(RefusalReason.NO_COMMON_VERSION);
            assertThat(refusal.refused().message()).contains("[1]").contains("[2, 3]");
        });
    }
}
