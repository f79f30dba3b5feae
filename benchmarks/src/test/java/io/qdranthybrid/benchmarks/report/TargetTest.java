package io.qdranthybrid.benchmarks.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TargetTest {

    @Test
    void boundsCompareAsTheirSymbolsSay() {
        assertThat(Target.below("t", 60).metBy(59.9)).isTrue();
        assertThat(Target.below("t", 60).metBy(60)).isFalse();
        assertThat(Target.atMost("r", 0.8).metBy(0.8)).isTrue();
        assertThat(Target.atMost("r", 0.8).metBy(0.81)).isFalse();
        assertThat(Target.exactly("w", 0).metBy(0)).isTrue();
        assertThat(Target.exactly("w", 0).metBy(1)).isFalse();
    }

    @Test
    void describesItselfForTheTable() {
        assertThat(Target.atMost("r", 1.2).describe()).isEqualTo("≤ 1.20");
        assertThat(Target.below("t", 200).describe()).isEqualTo("< 200");
    }
}
