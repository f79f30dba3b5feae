package io.qdranthybrid.platform.usage;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.qdranthybrid.platform.usage.UsageSamples.GI;
import static io.qdranthybrid.protocol.message.UsageMetricNames.DISK_USED;
import static io.qdranthybrid.protocol.message.UsageMetricNames.MEMORY_USED;
import static org.assertj.core.api.Assertions.assertThat;

class DownscaleRiskTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration FRESH = Duration.ofMinutes(2);

    /** Three nodes of 2Gi memory and 10Gi disk, each using 0.5Gi and 3Gi. */
    private static UsageSamples threeNodes(Instant at) {
        return new UsageSamples("orders", at)
                .node(0, 0.5 * GI, 2 * GI, 3 * GI, 10 * GI)
                .node(1, 0.5 * GI, 2 * GI, 3 * GI, 10 * GI)
                .node(2, 0.5 * GI, 2 * GI, 3 * GI, 10 * GI)
                .total(MEMORY_USED, 1.5 * GI).total(DISK_USED, 9 * GI);
    }

    private static DownscaleRisk.Assessment assess(ClusterUsage usage, int nodes) {
        return DownscaleRisk.assess(usage, NOW, FRESH, new DownscaleRisk.Target(nodes, null, null));
    }

    @Test
    void aSingleCopyShardOnALeavingNodeIsDataAtRiskAndNamesCollectionShardAndNode() {
        ClusterUsage usage = threeNodes(NOW).replica(0, "docs", 0, 1).replica(1, "docs", 1, 1)
                .replica(2, "docs", 2, 1).usage();

        DownscaleRisk.Assessment risk = assess(usage, 2);

        assertThat(risk.level()).isEqualTo(DownscaleRisk.Level.DATA_AT_RISK);
        assertThat(risk.leavingNodes()).containsExactly(2);
        assertThat(risk.shardsAtRisk()).singleElement().satisfies(shard -> {
            assertThat(shard.collection()).isEqualTo("docs");
            assertThat(shard.shard()).isEqualTo(2);
            assertThat(shard.nodes()).containsExactly(2);
        });
        assertThat(risk.reasons()).singleElement().asString()
                .contains("'docs' shard 2 has replication factor 1", "leaving node 2");
    }

    @Test
    void replicatedShardsWithACopyOnAStayingNodeAreNoRisk() {
        ClusterUsage usage = threeNodes(NOW).replica(0, "docs", 0, 2).replica(2, "docs", 0, 2)
                .replica(1, "docs", 1, 2).replica(2, "docs", 1, 2).usage();

        DownscaleRisk.Assessment risk = assess(usage, 2);

        assertThat(risk.level()).isEqualTo(DownscaleRisk.Level.NO_RISK);
        assertThat(risk.shardsAtRisk()).isEmpty();
        assertThat(risk.reasons()).singleElement().asString().contains("every shard on leaving node 2 has a replica");
    }

    @Test
    void diskInUseThatWouldNotFitOnTheStayingNodesExceedsTheTarget() {
        // 9Gi in use fits on one node of 10Gi, not on one of 8Gi.
        ClusterUsage usage = threeNodes(NOW).replica(0, "docs", 0, 3).replica(1, "docs", 0, 3)
                .replica(2, "docs", 0, 3).usage();

        assertThat(assess(usage, 1).level()).isEqualTo(DownscaleRisk.Level.NO_RISK);
        DownscaleRisk.Assessment smallerDisks = DownscaleRisk.assess(usage, NOW, FRESH,
                new DownscaleRisk.Target(1, null, 8 * GI));

        assertThat(smallerDisks.level()).isEqualTo(DownscaleRisk.Level.USAGE_EXCEEDS_TARGET);
        assertThat(smallerDisks.reasons()).singleElement().asString()
                .contains("disk in use (9.0 GiB) would not fit on 1 node (8.0 GiB in all");
    }

    @Test
    void memoryInUseThatWouldNotFitOnSmallerNodesExceedsTheTarget() {
        ClusterUsage usage = threeNodes(NOW).usage();

        DownscaleRisk.Assessment risk = DownscaleRisk.assess(usage, NOW, FRESH,
                new DownscaleRisk.Target(3, 0.25 * GI, null));

        assertThat(risk.level()).isEqualTo(DownscaleRisk.Level.USAGE_EXCEEDS_TARGET);
        assertThat(risk.reasons()).singleElement().asString().startsWith("memory in use (1.5 GiB) would not fit on 3 nodes");
    }

    @Test
    void withoutAReportOrWithAStaleOneTheUsageIsUnknownAndSaysSinceWhen() {
        assertThat(assess(null, 2).level()).isEqualTo(DownscaleRisk.Level.USAGE_UNKNOWN);

        Instant old = NOW.minus(Duration.ofMinutes(10));
        DownscaleRisk.Assessment stale = assess(threeNodes(old).usage(), 2);

        assertThat(stale.level()).isEqualTo(DownscaleRisk.Level.USAGE_UNKNOWN);
        assertThat(stale.reportedAt()).isEqualTo(old);
        assertThat(stale.reasons()).singleElement().asString().contains("from " + old, "has not reported since");
    }
}
