/**
 * The storage side of a cluster (kube-controller-manager's persistent-volume binder and expander, a CSI provisioner
 * and resizer, the CSI external-snapshotter's snapshot-controller): dynamic provisioning and binding of
 * PersistentVolumeClaims (Immediate and WaitForFirstConsumer), volume expansion with the real conditions, reclaim,
 * protection finalizers, VolumeSnapshots and restores from them, the PVC-resize admission rules, and the storage
 * classes a fresh simulated cluster offers. Not modelled: static PersistentVolumes, claim cloning, volume
 * attachment (VolumeAttachment, CSI node plugins) and the snapshot protection finalizers.
 */
package io.qdranthybrid.harness.kube.controllers.storage;
