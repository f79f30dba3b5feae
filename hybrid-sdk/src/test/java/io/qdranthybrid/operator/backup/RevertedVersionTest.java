package io.qdranthybrid.operator.backup;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RevertedVersionTest {

    @Test
    void namesTheBackedUpVersionAndTheOneItReplaced() {
        assertThat(RevertedVersion.note("v1.13.0", "v1.12.3"))
                .isEqualTo(": cluster reverted to v1.12.3 as backed up (was v1.13.0)");
    }

    @Test
    void saysNothingWhenTheVersionIsTheSameOrUnknown() {
        assertThat(RevertedVersion.note("v1.12.3", "v1.12.3")).isEmpty();
        assertThat(RevertedVersion.note(null, "v1.12.3")).isEmpty();
    }
}
