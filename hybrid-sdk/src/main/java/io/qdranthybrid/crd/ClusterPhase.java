package io.qdranthybrid.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Lifecycle phase of a QdrantCluster, as reported in status.phase. */
public enum ClusterPhase implements WireEnum {
    /** The cluster's objects are being created and its nodes are starting. */
    @JsonProperty("Creating")
    CREATING("Creating"),
    /** Creation failed; the conditions say why. */
    @JsonProperty("FailedToCreate")
    FAILED_TO_CREATE("FailedToCreate"),
    /** A change to the spec is being rolled out. */
    @JsonProperty("Updating")
    UPDATING("Updating"),
    /** A change to the spec could not be rolled out; the conditions say why. */
    @JsonProperty("FailedToUpdate")
    FAILED_TO_UPDATE("FailedToUpdate"),
    /** Nodes are being added or drained and removed. */
    @JsonProperty("Scaling")
    SCALING("Scaling"),
    /** The Qdrant version is being changed, one minor version at a time. */
    @JsonProperty("Upgrading")
    UPGRADING("Upgrading"),
    /** Everything but the volumes is being removed. */
    @JsonProperty("Suspending")
    SUSPENDING("Suspending"),
    /** Only the volumes remain. */
    @JsonProperty("Suspended")
    SUSPENDED("Suspended"),
    @JsonProperty("FailedToSuspend")
    FAILED_TO_SUSPEND("FailedToSuspend"),
    /** A suspended cluster is being brought back. */
    @JsonProperty("Resuming")
    RESUMING("Resuming"),
    @JsonProperty("FailedToResume")
    FAILED_TO_RESUME("FailedToResume"),
    /** Every node is ready and in consensus. */
    @JsonProperty("Healthy")
    HEALTHY("Healthy"),
    /** Some node is not ready or not in consensus. */
    @JsonProperty("NotReady")
    NOT_READY("NotReady"),
    /** Qdrant runs in recovery mode: only collection metadata is loaded. */
    @JsonProperty("RecoveryMode")
    RECOVERY_MODE("RecoveryMode"),
    /** A pause is present: the operator changes nothing. */
    @JsonProperty("ManualMaintenance")
    MANUAL_MAINTENANCE("ManualMaintenance");

    private final String wireValue;

    ClusterPhase(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }

    @Override
    public String toString() {
        return wireValue;
    }
}
