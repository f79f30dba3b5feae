package io.qdranthybrid.agent.doctor;

import java.util.Locale;
import java.util.Set;

/**
 * Provisioners known to give file (NFS/SMB) or object (S3) volumes. Qdrant supports block storage only: on NFS or
 * S3 it "will fail, not degrade" (Qdrant Hybrid Cloud docs, setup prerequisites).
 */
final class FileStorageProvisioners {

    /**
     * csi-driver-nfs, nfs-subdir-external-provisioner (its chart's default name and the kubernetes-sigs one), AWS EFS,
     * Azure Files (CSI and in-tree), GCP Filestore, the Mountpoint S3 CSI driver.
     */
    private static final Set<String> KNOWN = Set.of("nfs.csi.k8s.io", "k8s-sigs.io/nfs-subdir-external-provisioner",
            "cluster.local/nfs-subdir-external-provisioner", "efs.csi.aws.com", "file.csi.azure.com",
            "kubernetes.io/azure-file", "filestore.csi.storage.gke.io", "s3.csi.aws.com", "smb.csi.k8s.io");

    private FileStorageProvisioners() {
    }

    static boolean isFileOrObjectStorage(String provisioner) {
        String p = provisioner == null ? "" : provisioner.toLowerCase(Locale.ROOT);
        // CephFS under Rook is named <operator namespace>.cephfs.csi.ceph.com.
        return KNOWN.contains(p) || p.endsWith("cephfs.csi.ceph.com") || p.contains("nfs");
    }
}
