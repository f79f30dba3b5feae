package io.qdranthybrid.operator.cluster;

import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.validation.Violation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterIdentityGateTest {

    @Test
    void aClusterNamedQdrantDashItsIdIsAccepted() {
        assertThat(ClusterIdentityGate.violations(ClusterFixtures.minimal(), false)).isEmpty();
        assertThat(ClusterIdentityGate.violations(ClusterFixtures.production(), false)).isEmpty();
    }

    @Test
    void aNameThatIsNotQdrantDashTheIdIsRefusedNamingTheField() {
        QdrantCluster cluster = ClusterFixtures.minimal();
        cluster.getMetadata().setName("demo");

        assertThat(ClusterIdentityGate.violations(cluster, false)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("metadata.name");
            assertThat(v.message()).contains("must be qdrant-demo").contains("got demo");
        });
    }

    @Test
    void aSecondClusterClaimingAnIdInUseIsToldWhoOwnsIt() {
        QdrantCluster copycat = ClusterFixtures.minimal();
        copycat.getMetadata().setName("qdrant-demo-copy");

        assertThat(ClusterIdentityGate.violations(copycat, true)).extracting(Violation::field)
                .containsExactly("metadata.name", "spec.id");
        assertThat(ClusterIdentityGate.violations(copycat, true).get(1).message())
                .contains("already used by QdrantCluster qdrant-demo");
    }

    @Test
    void aMissingIdIsLeftToTheSpecValidator() {
        QdrantCluster cluster = ClusterFixtures.minimal();
        cluster.getSpec().setId(null);

        assertThat(ClusterIdentityGate.violations(cluster, false)).isEmpty();
    }
}
