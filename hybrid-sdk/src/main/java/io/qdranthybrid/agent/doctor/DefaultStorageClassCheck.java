package io.qdranthybrid.agent.doctor;

import io.qdranthybrid.protocol.message.PrerequisiteCheck;

import java.util.ArrayList;
import java.util.List;

/**
 * A default StorageClass that gives block volumes which can grow: a QdrantCluster's volumes come from it unless the
 * cluster names another class, NFS or S3 volumes break Qdrant, and without {@code allowVolumeExpansion} its disks
 * can never grow (Qdrant Hybrid Cloud docs, setup prerequisites).
 */
public final class DefaultStorageClassCheck {

    static final String NAME = "Default StorageClass";

    private DefaultStorageClassCheck() {
    }

    public static PrerequisiteCheck check(Readout<List<StorageClassFacts>> classes) {
        if (!(classes instanceof Readout.Found<List<StorageClassFacts>> found)) {
            return PrerequisiteCheck.warn(NAME, ClusterReadAdvice.cannotCheck("storage classes",
                    classes.detail()), ClusterReadAdvice.GRANT);
        }
        List<StorageClassFacts> all = found.value();
        if (all.isEmpty()) {
            return PrerequisiteCheck.fail(NAME, "the cluster has no StorageClass",
                    "install a CSI driver for block storage and create a StorageClass marked default "
                            + "(annotation storageclass.kubernetes.io/is-default-class: \"true\") before creating a cluster");
        }
        List<StorageClassFacts> defaults = all.stream().filter(StorageClassFacts::isDefault).toList();
        if (defaults.isEmpty()) {
            return PrerequisiteCheck.warn(NAME, "no StorageClass is marked default (found "
                            + String.join(", ", all.stream().map(StorageClassFacts::name).toList()) + ")",
                    "mark a block-storage class default (annotation storageclass.kubernetes.io/is-default-class: "
                            + "\"true\"), or give every cluster a storage class");
        }
        // Kubernetes uses the newest of several defaults (since 1.26); each is checked, as any may be chosen.
        List<String> problems = new ArrayList<>();
        List<String> advice = new ArrayList<>();
        for (StorageClassFacts sc : defaults) {
            if (FileStorageProvisioners.isFileOrObjectStorage(sc.provisioner())) {
                problems.add(sc.name() + " is file/object storage (" + sc.provisioner() + ")");
                advice.add("use a block-storage class (ext4/xfs volumes) as default for " + sc.name()
                        + ": Qdrant on NFS or S3 fails, it does not degrade");
            }
            if (!sc.expandable()) {
                problems.add(sc.name() + " does not allow volume expansion");
                advice.add("set allowVolumeExpansion: true on " + sc.name()
                        + " if its driver supports it: without it a cluster's disks can never grow");
            }
        }
        String names = String.join(", ", defaults.stream().map(s -> s.name() + " (" + s.provisioner() + ")").toList());
        if (problems.isEmpty()) {
            return PrerequisiteCheck.pass(NAME, names + ": block storage, expandable");
        }
        return PrerequisiteCheck.warn(NAME, String.join("; ", problems), String.join("; ", advice));
    }
}
