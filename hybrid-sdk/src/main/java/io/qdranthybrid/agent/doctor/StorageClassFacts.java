package io.qdranthybrid.agent.doctor;

/**
 * What the storage check needs of one StorageClass.
 *
 * @param allowVolumeExpansion null when the class does not say, which Kubernetes reads as false
 */
public record StorageClassFacts(String name, String provisioner, boolean isDefault, Boolean allowVolumeExpansion) {

    public boolean expandable() {
        return Boolean.TRUE.equals(allowVolumeExpansion);
    }
}
