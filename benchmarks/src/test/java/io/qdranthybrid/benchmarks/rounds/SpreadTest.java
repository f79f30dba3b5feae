package io.qdranthybrid.benchmarks.rounds;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpreadTest {

    @Test
    void theMedianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
        Spread spread = Spread.of(9.5, 5.9, 6.1);

        assertThat(spread.median()).isEqualTo(6.1);
        assertThat(spread.min()).isEqualTo(5.9);
        assertThat(spread.max()).isEqualTo(9.5);
        assertThat(spread.count()).isEqualTo(3);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Spread.of(1, 2, 3, 10).median()).isEqualTo(2.5);
    }

    @Test
    void oneOutlierRoundMovesTheRangeButNotTheMedian() {
        Spread spread = Spread.of(6.0, 6.2, 15.0);

        assertThat(spread.median()).isEqualTo(6.2);
        assertThat(spread.relativeRange()).isGreaterThan(1.4);
    }

    @Test
    void noMeasurementsIsAnError() {
        assertThatThrownBy(() -> Spread.of(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contendersRunInStrictAlternation() throws Exception {
        List<String> order = new ArrayList<>();
        List<List<String>> results = AlternatingRounds.run(3, List.<AlternatingRounds.Measurement<String>>of(
                round -> { order.add("ours"); return "ours" + round; },
                round -> { order.add("floor"); return "floor" + round; }), () -> { });

        assertThat(order).containsExactly("ours", "floor", "ours", "floor", "ours", "floor");
        assertThat(results.get(0)).containsExactly("ours0", "ours1", "ours2");
        assertThat(results.get(1)).containsExactly("floor0", "floor1", "floor2");
    }
}
