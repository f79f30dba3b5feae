package io.qdranthybrid.harness.controlplane;

import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.Resources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationRevertTest {

    @Test
    void namesOnlyWhatDiffersFromBackupTime() {
        ConfigurationRevert revert = ConfigurationRevert.between("x1", spec("v1.13.0", 5, "1", "2Gi"),
                spec("v1.12.3", 3, "1", "2Gi"));

        assertThat(revert.sentence())
                .isEqualTo("reverts cluster x1 to its configuration at backup time: version v1.13.0 → v1.12.3, 5 → 3 nodes");
        assertThat(revert.whileRestoring("b1")).isEqualTo("restoring backup b1: reverts version v1.13.0 → v1.12.3, 5 → 3 nodes");
    }

    @Test
    void namesResourcesThatDiffer() {
        ConfigurationRevert revert = ConfigurationRevert.between("x1", spec("v1.12.3", 3, "700m", "4Gi"),
                spec("v1.12.3", 3, "500m", "2Gi"));

        assertThat(revert.changes()).containsExactly("cpu 700m → 500m", "memory 4Gi → 2Gi");
    }

    @Test
    void saysNothingWhenNothingDiffers() {
        ConfigurationRevert revert = ConfigurationRevert.between("x1", spec("v1.12.3", 3, "1", "2Gi"),
                spec("v1.12.3", 3, "1", "2Gi"));

        assertThat(revert.none()).isTrue();
        assertThat(revert.sentence()).isEmpty();
        assertThat(revert.whileRestoring("b1")).isEqualTo("restoring backup b1");
    }

    private static QdrantClusterSpec spec(String version, int nodes, String cpu, String memory) {
        QdrantClusterSpec spec = new QdrantClusterSpec();
        spec.setVersion(version);
        spec.setSize(nodes);
        Resources resources = new Resources();
        resources.setCpu(cpu);
        resources.setMemory(memory);
        spec.setResources(resources);
        return spec;
    }
}
