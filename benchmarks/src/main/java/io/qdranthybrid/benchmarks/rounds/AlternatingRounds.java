package io.qdranthybrid.benchmarks.rounds;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs contenders in strict alternation, {@code a, b, a, b, …}, one round each per pass, so that what drifts over a
 * run on a shared machine (other builds, JIT, heap growth) reaches every contender alike.
 */
public final class AlternatingRounds {

    /** Fewer than this many rounds give no median worth reporting; runs with fewer are smoke tests. */
    public static final int MINIMUM_FOR_A_RESULT = 3;

    private AlternatingRounds() {
    }

    /** One measurement of one contender; may throw, which ends the run. */
    @FunctionalInterface
    public interface Measurement<R> {
        R measure(int round) throws Exception;
    }

    /**
     * @return per contender (in the order given), its results in round order
     */
    public static <R> List<List<R>> run(int rounds, List<Measurement<R>> contenders, Runnable between) throws Exception {
        if (rounds < 1) {
            throw new IllegalArgumentException("at least one round is needed, got " + rounds);
        }
        List<List<R>> results = new ArrayList<>();
        contenders.forEach(c -> results.add(new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < contenders.size(); i++) {
                results.get(i).add(contenders.get(i).measure(round));
                between.run();
            }
        }
        return results;
    }
}
