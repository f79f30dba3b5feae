package io.qdranthybrid.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PercentilesTest {

    @Test
    void nearestRankOfAHundredValues() {
        double[] values = new double[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 1;
        }

        assertThat(Percentiles.of(values, 50)).isEqualTo(50);
        assertThat(Percentiles.of(values, 99)).isEqualTo(99);
        assertThat(Percentiles.of(values, 100)).isEqualTo(100);
    }

    @Test
    void aSingleValueIsEveryPercentile() {
        assertThat(Percentiles.of(new double[] {7}, 1)).isEqualTo(7);
        assertThat(Percentiles.of(new double[] {7}, 99)).isEqualTo(7);
    }
}
