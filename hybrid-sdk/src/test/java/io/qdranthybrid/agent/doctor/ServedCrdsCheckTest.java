package io.qdranthybrid.agent.doctor;

import io.qdranthybrid.protocol.message.PrerequisiteCheck;
import io.qdranthybrid.protocol.message.PrerequisiteVerdict;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ServedCrdsCheckTest {

    private static final Set<String> QDRANT = Set.of("qdrantclusters", "qdrantclustersnapshots",
            "qdrantclusterscheduledsnapshots", "qdrantclusterrestores", "qdrantentities", "qdrantreleases");

    private static Map<String, Readout<Set<String>>> served(Set<String> qdrant, Set<String> helmV2, Set<String> helmV1) {
        Map<String, Readout<Set<String>>> served = new LinkedHashMap<>();
        served.put("qdrant.io/v1", Readout.found(qdrant));
        served.put("cd.qdrant.io/v2", Readout.found(helmV2));
        served.put("cd.qdrant.io/v1", Readout.found(helmV1));
        return served;
    }

    @Test
    void everyKindTheAgentManagesServedPasses() {
        PrerequisiteCheck check = ServedCrdsCheck.check(served(QDRANT, Set.of("helmreleases"),
                Set.of("helmrepositories")));

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.PASS);
    }

    @Test
    void aMissingQdrantCrdFailsNamingItAndTheChart() {
        PrerequisiteCheck check = ServedCrdsCheck.check(served(Set.of("qdrantclusters"), Set.of("helmreleases"),
                Set.of("helmrepositories")));

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.FAIL);
        assertThat(check.found()).contains("QdrantClusterSnapshot qdrant.io/v1 (qdrantclustersnapshots.qdrant.io)");
        assertThat(check.advice()).contains("qdrant-hybrid-crds");
    }

    @Test
    void helmReleasesServedOnlyAtAnotherVersionOnlyWarn() {
        PrerequisiteCheck check = ServedCrdsCheck.check(served(QDRANT, Set.of(), Set.of("helmrepositories")));

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.WARN);
        assertThat(check.found()).contains("HelmRelease cd.qdrant.io/v2").contains("component releases are refused");
        assertThat(check.advice()).contains("qdrant-hybrid-helm-crds");
    }
}
