package io.qdranthybrid.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HeapHistogramTest {

    private static final String WITH_OPERATOR = """
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:         12000        2400000  [B (java.base@17.0.15)
               2:          3000         720000  io.fabric8.kubernetes.api.model.Pod
               3:           500          24000  java.lang.Thread (java.base@17.0.15)
            Total         15500        3144000
            """;

    private static final String WITHOUT_OPERATOR = """
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:         10000        2000000  [B (java.base@17.0.15)
               2:          1500         360000  io.fabric8.kubernetes.api.model.Pod
               3:           600          28800  java.lang.Thread (java.base@17.0.15)
            Total         12100        2388800
            """;

    @Test
    void theDifferenceOfTwoHistogramsIsWhatTheFirstHeldMoreOfLargestFirst() {
        List<HeapHistogram.Entry> held = HeapHistogram.parse(WITH_OPERATOR).minus(HeapHistogram.parse(WITHOUT_OPERATOR));

        // Threads shrank (fewer with the operator than without): not something it held.
        assertThat(held).containsExactly(
                new HeapHistogram.Entry("[B", 2000, 400000),
                new HeapHistogram.Entry("io.fabric8.kubernetes.api.model.Pod", 1500, 360000));
    }

    @Test
    void aClassOnlyTheFirstHasCountsWhole() {
        List<HeapHistogram.Entry> held = HeapHistogram.parse(WITH_OPERATOR).minus(HeapHistogram.parse(""));

        assertThat(held).first().isEqualTo(new HeapHistogram.Entry("[B", 12000, 2400000));
    }

    @Test
    void readsThisJvmsOwnHeap() {
        assertThat(HeapHistogram.take().minus(HeapHistogram.parse(""))).isNotEmpty();
    }
}
