package io.qdranthybrid.harness.deploy;

import io.qdranthybrid.operator.cluster.OperatorDefaults;
import io.qdranthybrid.operator.cluster.VolumeExpansionMode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator Deployment's settings, read from the rendered install and mapped onto the in-process operator. */
class DeployedOperatorSettingsTest {

  @Test
  void shippedSettingsComeFromTheGeneratedConfigMapAndTheContainerEnv() {
    Map<String, String> env = DeployedOperatorSettings.shipped().environment();

    assertThat(env).containsEntry("QDRANT_OPERATOR_IMAGE_REPOSITORY", "qdrant/qdrant")
        .containsEntry("QDRANT_OPERATOR_WORKERS", "4")
        .containsEntry("QDRANT_OPERATOR_MANAGE_NETWORK_POLICY", "true")
        .containsEntry("QDRANT_OPERATOR_PORT", "8285")
        .doesNotContainKey("POD_NAMESPACE"); // from the downward API: no literal value
    assertThat(DeployedOperatorSettings.shipped().workers()).hasValue(4);
  }

  @Test
  void settingsTheDeploymentSetsReplaceTheDefaultsAndTheOthersStay() {
    OperatorDefaults base = OperatorDefaults.hybrid().withStorageClasses("sim-csi", null);
    DeployedOperatorSettings overlay = new DeployedOperatorSettings(Map.of(
        "QDRANT_OPERATOR_IMAGE_REPOSITORY", "registry.internal.example.com/qdrant/qdrant",
        "QDRANT_OPERATOR_MANAGE_NETWORK_POLICY", "false",
        "QDRANT_OPERATOR_SNAPSHOT_STORAGE_CLASS", "standard"));

    OperatorDefaults mapped = overlay.applyTo(base);

    assertThat(mapped.imageRepository()).isEqualTo("registry.internal.example.com/qdrant/qdrant");
    assertThat(mapped.manageNetworkPolicy()).isFalse();
    assertThat(mapped.snapshotStorageClass()).isEqualTo("standard");
    assertThat(mapped.databaseStorageClass()).isEqualTo("sim-csi");
    assertThat(mapped.podPolicy()).isEqualTo(base.podPolicy());
    assertThat(mapped.volumeExpansionMode()).isEqualTo(VolumeExpansionMode.ONLINE);
    assertThat(overlay.workers()).isEmpty();
  }

  @Test
  void aDeploymentOnOfflineOnlyStorageSetsTheVolumeExpansionMode() {
    OperatorDefaults mapped = new DeployedOperatorSettings(Map.of("QDRANT_OPERATOR_VOLUME_EXPANSION_MODE", "Offline"))
        .applyTo(OperatorDefaults.hybrid());

    assertThat(mapped.volumeExpansionMode()).isEqualTo(VolumeExpansionMode.OFFLINE);
  }

  @Test
  void placingTheInstallInANamespaceMovesObjectsSubjectsAndTheNamespaceItself() {
    var placed = DeployManifests.INSTALL_CLUSTER_READ.placedIn("team-a");

    assertThat(DeployManifests.find(placed, "Namespace", "team-a")).isNotNull();
    assertThat(DeployManifests.find(placed, "Role", "qdrant-cloud-agent").path("metadata").path("namespace")
        .asText()).isEqualTo("team-a");
    var binding = DeployManifests.find(placed, "ClusterRoleBinding", "qdrant-cloud-agent-cluster-read-team-a");
    assertThat(binding.path("subjects").path(0).path("namespace").asText()).isEqualTo("team-a");
    assertThat(DeployManifests.find(placed, "ClusterRole", "qdrant-cloud-agent-cluster-read").path("metadata")
        .has("namespace")).isFalse();
  }
}
