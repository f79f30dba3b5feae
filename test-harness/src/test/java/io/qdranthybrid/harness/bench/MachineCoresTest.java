package io.qdranthybrid.harness.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MachineCoresTest {

    @Test
    void countsLinuxCpuLists() {
        assertThat(MachineCores.count("0")).isEqualTo(1);
        assertThat(MachineCores.count("0-1")).isEqualTo(2);
        assertThat(MachineCores.count("0,2-3,8-11")).isEqualTo(7);
    }

    @Test
    void theMachineHasAtLeastTheCoresTheJvmMayUse() {
        assertThat(MachineCores.online()).isGreaterThanOrEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
