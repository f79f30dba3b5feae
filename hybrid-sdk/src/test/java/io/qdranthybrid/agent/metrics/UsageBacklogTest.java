package io.qdranthybrid.agent.metrics;

import io.qdranthybrid.protocol.message.MetricSample;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UsageBacklogTest {

    private static List<MetricSample> scrape(String cluster, int second) {
        return List.of(new MetricSample(cluster, "qdrant_usage_memory_used_bytes", second, Map.of(),
                Instant.ofEpochSecond(second)));
    }

    @Test
    void aLongOutageKeepsTheLatestScrapePerClusterPlusABoundedBacklogAndCountsTheRest() {
        UsageBacklog backlog = new UsageBacklog(2);
        for (int second = 1; second <= 100; second++) {
            backlog.add("orders", scrape("orders", second));
            backlog.add("search", scrape("search", second));
        }

        assertThat(backlog.waitingScrapes()).isEqualTo(6);
        assertThat(backlog.dropped()).isEqualTo(2 * 97);
        List<List<MetricSample>> drained = backlog.drain();
        assertThat(drained).extracting(s -> s.get(0).clusterId() + "@" + (int) s.get(0).value())
                .containsExactly("orders@98", "orders@99", "orders@100", "search@98", "search@99", "search@100");
        assertThat(backlog.waitingScrapes()).isZero();
    }

    @Test
    void withNoBacklogOnlyTheLatestWaits() {
        UsageBacklog backlog = new UsageBacklog(0);
        backlog.add("orders", scrape("orders", 1));
        backlog.add("orders", scrape("orders", 2));

        assertThat(backlog.drain()).singleElement().satisfies(s -> assertThat(s.get(0).value()).isEqualTo(2));
    }
}
