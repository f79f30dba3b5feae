package io.qdranthybrid.harness.deploy;

import io.qdranthybrid.operator.cluster.OperatorDefaults;
import io.qdranthybrid.operator.cluster.VolumeExpansionMode;

import java.util.Map;
import java.util.OptionalInt;

/**
 * The operator Deployment's {@code QDRANT_OPERATOR_*} settings that change what the in-process operator does,
 * mapped as {@code hybrid-operator}'s OperatorSettings and OperatorRuntime map them. Leader election is left out:
 * the stack runs one operator, and a restarted one would wait out the old Lease.
 *
 * @param environment the Deployment's environment ({@link DeployedEnvironment})
 */
public record DeployedOperatorSettings(Map<String, String> environment) {

  /** The settings of {@code deploy/kustomize/install}'s operator. */
  public static DeployedOperatorSettings shipped() {
    return new DeployedOperatorSettings(
        DeployedEnvironment.of(DeployManifests.INSTALL.objects(), DeployRbac.OPERATOR.serviceAccount()));
  }

  /** {@code base} with the image repository, storage classes, NetworkPolicy switch and volume expansion mode the Deployment sets. */
  public OperatorDefaults applyTo(OperatorDefaults base) {
    return new OperatorDefaults(
        environment.getOrDefault("QDRANT_OPERATOR_IMAGE_REPOSITORY", base.imageRepository()),
        environment.getOrDefault("QDRANT_OPERATOR_IMAGE_PULL_POLICY", base.imagePullPolicy()),
        environment.getOrDefault("QDRANT_OPERATOR_DATABASE_STORAGE_CLASS", base.databaseStorageClass()),
        environment.getOrDefault("QDRANT_OPERATOR_SNAPSHOT_STORAGE_CLASS", base.snapshotStorageClass()),
        base.podDisruptionBudget(), base.spreadOverHosts(),
        Boolean.parseBoolean(environment.getOrDefault("QDRANT_OPERATOR_MANAGE_NETWORK_POLICY",
            String.valueOf(base.manageNetworkPolicy()))),
        base.dnsNamespace(), base.podPolicy(),
        environment.containsKey("QDRANT_OPERATOR_VOLUME_EXPANSION_MODE")
            ? VolumeExpansionMode.parse(environment.get("QDRANT_OPERATOR_VOLUME_EXPANSION_MODE"))
            : base.volumeExpansionMode());
  }

  /** {@code QDRANT_OPERATOR_WORKERS}, empty when the Deployment leaves it to the operator's default. */
  public OptionalInt workers() {
    String workers = environment.get("QDRANT_OPERATOR_WORKERS");
    return workers == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(workers.trim()));
  }
}
