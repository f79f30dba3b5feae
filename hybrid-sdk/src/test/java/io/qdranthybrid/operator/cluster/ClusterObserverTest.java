package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterStatus;
import io.qdranthybrid.crd.QdrantVersion;
import io.qdranthybrid.reconcile.SettableClock;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterObserverTest {

    private final CountingClusterReads reads = new CountingClusterReads(List.of(QdrantVersion.parse("v1.12.3").orElseThrow()));
    private final SettableClock clock = new SettableClock("2026-12-07T12:00:00Z");
    private final ClusterObserver observer = new ClusterObserver(reads,
            new QdrantAccess(reads, QdrantEndpoints.clusterDns(), HttpClient.newHttpClient(), Duration.ofSeconds(1)),
            clock);

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

    /**
     * A new StatefulSet's first status counts no pod while the pods it just created are not in the cache yet: the
     * Events that would explain missing pods are read only once they have been missing for the grace period.
     */
    @Test
    void eventsAreReadOnlyWhenPodsStayMissingPastTheGrace() {
        QdrantCluster cluster = ClusterFixtures.minimal();
        StatefulSet set = firstStatusCountingNoPod(cluster);
        reads.statefulSet = set;

        observer.observe(cluster);
        clock.advance(ClusterObserver.CREATION_GRACE.minusMillis(1));
        observer.observe(cluster);
        assertThat(reads.eventReads).as("within the grace").hasValue(0);

        clock.advance(Duration.ofMillis(1));
        observer.observe(cluster);
        assertThat(reads.eventReads).as("missing for the whole grace").hasValue(1);
    }

    @Test
    void theGraceStartsAgainOncePodsWereSeen() {
        QdrantCluster cluster = ClusterFixtures.minimal();
        StatefulSet set = firstStatusCountingNoPod(cluster);
        reads.statefulSet = set;
        observer.observe(cluster);

        reads.statefulSet = null; // nothing missing any more
        clock.advance(ClusterObserver.CREATION_GRACE);
        observer.observe(cluster);
        reads.statefulSet = set;
        observer.observe(cluster);

        assertThat(reads.eventReads).hasValue(0);
    }

    /** The cluster's StatefulSet as its controller's first status shows it: current generation seen, no pod counted. */
    private static StatefulSet firstStatusCountingNoPod(QdrantCluster cluster) {
        StatefulSet set = DesiredStatefulSet.build(ClusterFixtures.steady(cluster));
        set.getMetadata().setGeneration(1L);
        set.setStatus(new StatefulSetStatusBuilder().withObservedGeneration(1L).withReplicas(0).build());
        return set;
    }
}
