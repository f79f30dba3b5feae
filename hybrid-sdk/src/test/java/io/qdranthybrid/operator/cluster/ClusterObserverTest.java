package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterStatus;
import io.qdranthybrid.crd.QdrantVersion;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterObserverTest {

    private final CountingClusterReads reads = new CountingClusterReads(List.of(QdrantVersion.parse("v1.12.3").orElseThrow()));
    private final ClusterObserver observer = new ClusterObserver(reads,
            new QdrantAccess(reads, QdrantEndpoints.clusterDns(), HttpClient.newHttpClient(), Duration.ofSeconds(1)));

    @Test
    void releasesAreNotListedWhenTheClusterRunsTheVersionItAsksFor() {
        QdrantCluster cluster = ClusterFixtures.minimal();
        cluster.setStatus(new QdrantClusterStatus());
        cluster.getStatus().setVersion(cluster.getSpec().getVersion());

        ClusterObservation world = observer.observe(cluster);

        assertThat(reads.releaseReads).hasValue(0);
        assertThat(world.knownReleases()).isEmpty();
    }

    @Test
    void releasesAreNotListedForANewCluster() {
        observer.observe(ClusterFixtures.minimal());

        assertThat(reads.releaseReads).hasValue(0);
    }

    @Test
    void releasesAreListedWhileAnUpgradeIsPending() {
        QdrantCluster cluster = ClusterFixtures.minimal();
        cluster.setStatus(new QdrantClusterStatus());
        cluster.getStatus().setVersion("v1.11.5");

        ClusterObservation world = observer.observe(cluster);

        assertThat(reads.releaseReads).hasValue(1);
        assertThat(world.knownReleases()).extracting(QdrantVersion::toString).containsExactly("v1.12.3");
    }
}
