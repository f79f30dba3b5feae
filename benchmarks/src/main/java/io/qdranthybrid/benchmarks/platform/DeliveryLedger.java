package io.qdranthybrid.benchmarks.platform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which changes asked for reached their agent, how fast, and which arrived twice. A change of revision r counts as
 * delivered by the first revision at or above r the agent applied: a newer revision carries it (the store may merge
 * changes that follow each other closely).
 */
final class DeliveryLedger {

    private record Asked(String environmentId, long revision, long micros) {
    }

    private final List<Asked> asked = new ArrayList<>();
    /** Per environment: revision applied → when it was first applied, and how often. */
    private final Map<String, Map<Long, long[]>> applied = new HashMap<>();

    void asked(String environmentId, long revision, long micros) {
        asked.add(new Asked(environmentId, revision, micros));
    }

    void applied(String environmentId, long revision, long micros) {
        long[] entry = applied.computeIfAbsent(environmentId, id -> new HashMap<>())
                .computeIfAbsent(revision, r -> new long[]{micros, 0});
        entry[0] = Math.min(entry[0], micros);
        entry[1]++;
    }

    /** Reads {@code put <env> <rev> <µs>} and {@code applied <env> <rev> <µs>} lines; ignores the rest. */
    void record(String line) {
        String[] w = line.trim().split(" ");
        if (w.length == 4 && (w[0].equals("put") || w[0].equals(AgentSwarm.APPLIED))) {
            try {
                long revision = Long.parseLong(w[2]);
                long micros = Long.parseLong(w[3]);
                if (w[0].equals("put")) {
                    asked(w[1], revision, micros);
                } else {
                    applied(w[1], revision, micros);
                }
            } catch (NumberFormatException notOurs) {
                // a log line that happens to start with the same word
            }
        }
    }

    int askedCount() {
        return asked.size();
    }

    Result result() {
        List<Double> latencies = new ArrayList<>();
        int lost = 0;
        for (Asked change : asked) {
            long first = applied.getOrDefault(change.environmentId(), Map.of()).entrySet().stream()
                    .filter(e -> e.getKey() >= change.revision())
                    .mapToLong(e -> e.getValue()[0])
                    .min().orElse(-1);
            if (first < 0) {
                lost++;
            } else {
                latencies.add(Math.max(0, first - change.micros()) / 1000.0);
            }
        }
        long doubled = applied.values().stream().flatMap(m -> m.values().stream()).filter(e -> e[1] > 1).count();
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return new Result(sorted, lost, doubled);
    }

    /** Latencies in milliseconds (sorted), changes never delivered, revisions applied more than once. */
    record Result(double[] latenciesMillis, int lost, long doubled) {
    }
}
