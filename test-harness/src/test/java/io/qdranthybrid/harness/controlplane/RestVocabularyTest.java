package io.qdranthybrid.harness.controlplane;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16: refusals relayed from the operator and the agent reach REST users in the API's own words. */
class RestVocabularyTest {

    @Test
    void theOperatorsRestoreRefusalsNameTheRequestsFieldsAndIds() {
        // As QdrantClusterRestoreReconciler words them.
        assertThat(RestVocabulary.speak("cluster qdrant-x1 not found in namespace demo; set destination.create: true"
                + " to restore into a new cluster", List.of("x1")))
                .isEqualTo("cluster x1 not found in namespace demo; set newCluster: true to restore into a new cluster");
        assertThat(RestVocabulary.speak("cluster qdrant-x1 already exists; choose another destination.name, or set "
                + "destination.create: false to restore into it", List.of("x1")))
                .isEqualTo("cluster x1 already exists; choose another clusterId, or set newCluster: false to restore"
                        + " into it");
        assertThat(RestVocabulary.speak("spec.source.snapshotName and spec.destination.name are required", List.of()))
                .isEqualTo("backupName and clusterId are required");
        assertThat(RestVocabulary.speak("snapshot not found: no QdrantClusterSnapshot x1-backup-1 in namespace demo",
                List.of("x1"))).isEqualTo("backup not found: no backup x1-backup-1 in namespace demo");
    }

    @Test
    void kubernetesNamesAUserCanLookUpStayAsTheyAre() {
        assertThat(RestVocabulary.speak("pod qdrant-x1-0 is Pending; VolumeSnapshot qdrant-x1-snapshot-ab of snapshot "
                + "x1-snapshot-ab is not ready to use", List.of("x1")))
                .isEqualTo("pod qdrant-x1-0 is Pending; VolumeSnapshot qdrant-x1-snapshot-ab of backup "
                        + "x1-snapshot-ab is not ready to use");
        assertThat(RestVocabulary.speak("the qdrant-cloud-agent is not ready", List.of("x1")))
                .isEqualTo("the qdrant-cloud-agent is not ready");
    }

    @Test
    void validatorFieldPathsBecomeRequestFields() {
        assertThat(RestVocabulary.field("spec.size")).isEqualTo("nodes");
        assertThat(RestVocabulary.field("spec.resources.storage")).isEqualTo("storage");
        assertThat(RestVocabulary.field("spec.resources.requests.cpu")).isEqualTo("cpu");
        assertThat(RestVocabulary.field("spec.gpu.gpuType")).as("no such request field: kept").isEqualTo("spec.gpu.gpuType");
        String once = RestVocabulary.speak("spec.size: size 0 is below the minimum 1", List.of());
        assertThat(RestVocabulary.speak(once, List.of())).isEqualTo(once).isEqualTo("nodes: size 0 is below the minimum 1");
    }
}
