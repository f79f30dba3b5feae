package io.qdranthybrid.operator.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VolumeExpansionModeTest {

    @Test
    void theSettingIsReadAsWrittenInQdrantsOperatorInAnyCase() {
        assertThat(VolumeExpansionMode.parse("Online")).isEqualTo(VolumeExpansionMode.ONLINE);
        assertThat(VolumeExpansionMode.parse(" offline ")).isEqualTo(VolumeExpansionMode.OFFLINE);
        assertThat(VolumeExpansionMode.OFFLINE.wireValue()).isEqualTo("Offline");
    }

    @Test
    void anUnknownModeIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> VolumeExpansionMode.parse("Lazy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("volumeExpansionMode \"Lazy\" is not one of Online, Offline");
    }
}
