package io.qdranthybrid.harness.kube.controllers.storage;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.List;
import java.util.Map;

/**
 * The storage a fresh simulated cluster offers: k3s's default {@code local-path} class (bound when a
 * pod is scheduled, not expandable, no snapshots) and an expandable, snapshot-capable CSI class
 * {@code sim-csi} with its VolumeSnapshotClass {@code csi-snapclass}, like a cloud CSI driver.
 */
public final class SimulatedStorageClasses {

    public static final String LOCAL_PATH = "local-path";
    public static final String LOCAL_PATH_PROVISIONER = "rancher.io/local-path";
    public static final String SIM_CSI = "sim-csi";
    public static final String SIM_CSI_DRIVER = "sim.csi.qdranthybrid.io";
    public static final String CSI_SNAPSHOT_CLASS = "csi-snapclass";
    /** A class like {@link #SIM_CSI} whose driver only grows volumes no pod uses, like Azure disks. */
    public static final String SIM_CSI_OFFLINE = "sim-csi-offline";
    public static final String SIM_CSI_OFFLINE_DRIVER = "offline.sim.csi.qdranthybrid.io";

    /**
     * A CSI driver's {@code PluginCapability.VolumeExpansion} (CSI spec, csi.proto): {@code ONLINE} drivers grow
     * volumes in use by a pod; {@code OFFLINE} ones only volumes not published on a node. The capability belongs to
     * the driver and is not visible in any Kubernetes object; the external-resizer learns it from the driver.
     */
    public enum VolumeExpansion { ONLINE, OFFLINE }

    public static final String DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";
    static final String DEFAULT_SNAPSHOT_CLASS_ANNOTATION = "snapshot.storage.kubernetes.io/is-default-class";

    public static final ResourceDefinitionContext VOLUME_SNAPSHOTS = snapshotKind("VolumeSnapshot", "volumesnapshots", true);
    static final ResourceDefinitionContext VOLUME_SNAPSHOT_CONTENTS =
            snapshotKind("VolumeSnapshotContent", "volumesnapshotcontents", false);
    static final ResourceDefinitionContext VOLUME_SNAPSHOT_CLASSES =
            snapshotKind("VolumeSnapshotClass", "volumesnapshotclasses", false);

    private SimulatedStorageClasses() {
    }

    public static StorageClass localPath() {
        return new StorageClassBuilder()
                .withNewMetadata().withName(LOCAL_PATH).addToAnnotations(DEFAULT_CLASS_ANNOTATION, "true").endMetadata()
                .withProvisioner(LOCAL_PATH_PROVISIONER)
                .withReclaimPolicy("Delete")
                .withVolumeBindingMode("WaitForFirstConsumer")
                .build();
    }

    public static StorageClass simCsi() {
        return new StorageClassBuilder()
                .withNewMetadata().withName(SIM_CSI).endMetadata()
                .withProvisioner(SIM_CSI_DRIVER)
                .withReclaimPolicy("Delete")
                .withVolumeBindingMode("Immediate")
                .withAllowVolumeExpansion(true)
                .build();
    }

    /**
     * An expandable CSI class named {@code name} whose driver has the given expansion capability: {@link #SIM_CSI_DRIVER}
     * for ONLINE, {@link #SIM_CSI_OFFLINE_DRIVER} for OFFLINE.
     */
    public static StorageClass simCsi(String name, VolumeExpansion expansion) {
        return new StorageClassBuilder(simCsi())
                .editMetadata().withName(name).endMetadata()
                .withProvisioner(expansion == VolumeExpansion.OFFLINE ? SIM_CSI_OFFLINE_DRIVER : SIM_CSI_DRIVER)
                .build();
    }

    /** The expansion capability of a simulated driver: OFFLINE for {@link #SIM_CSI_OFFLINE_DRIVER}, ONLINE otherwise. */
    public static VolumeExpansion volumeExpansionOf(String driver) {
        return SIM_CSI_OFFLINE_DRIVER.equals(driver) ? VolumeExpansion.OFFLINE : VolumeExpansion.ONLINE;
    }

    /** The VolumeSnapshotClass of {@link #simCsi()}'s driver; snapshots are deleted with their VolumeSnapshot. */
    public static GenericKubernetesResource csiSnapshotClass() {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("snapshot.storage.k8s.io/v1")
                .withKind("VolumeSnapshotClass")
                .withNewMetadata().withName(CSI_SNAPSHOT_CLASS).addToAnnotations(DEFAULT_SNAPSHOT_CLASS_ANNOTATION, "true")
                .endMetadata()
                .addToAdditionalProperties(Map.of("driver", SIM_CSI_DRIVER, "deletionPolicy", "Delete"))
                .build();
    }

    /** Creates (or updates) {@code local-path} and {@code sim-csi}. */
    public static void installStorageClasses(KubernetesClient client) {
        List.of(localPath(), simCsi()).forEach(storageClass -> client.resource(storageClass).createOr(NonDeletingOperation::update));
    }

    /** Creates (or updates) {@code csi-snapclass}; the API server must serve snapshot.storage.k8s.io/v1. */
    public static void installSnapshotClass(KubernetesClient client) {
        try {
            client.genericKubernetesResources(VOLUME_SNAPSHOT_CLASSES).resource(csiSnapshotClass())
                    .createOr(NonDeletingOperation::update);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                throw new IllegalStateException("the API server does not serve snapshot.storage.k8s.io/v1 "
                        + "VolumeSnapshotClass: install the external-snapshotter CRDs first", e);
            }
            throw e;
        }
    }

    private static ResourceDefinitionContext snapshotKind(String kind, String plural, boolean namespaced) {
        return new ResourceDefinitionContext.Builder()
                .withGroup("snapshot.storage.k8s.io")
                .withVersion("v1")
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(namespaced)
                .build();
    }
}
