package io.qdranthybrid.harness.qdrant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The REST responses one node served since it started, per method, endpoint pattern and status, with their total
 * duration: what Qdrant exports as {@code rest_responses_total} and {@code rest_responses_avg_duration_seconds}
 * (src/common/metrics.rs, from actix's matched route pattern). Counters restart with the node, as Qdrant's do.
 */
final class RestResponseCounts {

    record Key(String method, String endpoint, int status) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            return (method + endpoint + status).compareTo(other.method + other.endpoint + other.status);
        }
    }

    record Count(long responses, double seconds) {
    }

    private final Map<Key, Count> counts = new TreeMap<>();

    synchronized void record(String method, String path, int status, long nanos) {
        counts.merge(new Key(method, pattern(path), status), new Count(1, nanos / 1e9),
                (a, b) -> new Count(a.responses + b.responses, a.seconds + b.seconds));
    }

    synchronized Map<Key, Count> snapshot() {
        return Map.copyOf(counts);
    }

    /** {@code /collections/docs/points/count} as actix names its route: {@code /collections/{name}/points/count}. */
    static String pattern(String path) {
        List<String> out = new ArrayList<>();
        String[] segments = path.split("/");
        for (int i = 1; i < segments.length; i++) {
            String previous = out.isEmpty() ? "" : out.get(out.size() - 1);
            String segment = segments[i];
            if (previous.equals("collections") || previous.equals("aliases")) {
                segment = "{name}";
            } else if (previous.equals("snapshots") && i == segments.length - 1) {
                segment = "{snapshot_name}";
            } else if (segment.matches("\\d+")) {
                segment = "{id}";
            }
            out.add(segment);
        }
        return "/" + String.join("/", out);
    }
}
