package io.qdranthybrid.agent.doctor;

import io.qdranthybrid.protocol.message.PrerequisiteCheck;
import io.qdranthybrid.protocol.message.PrerequisiteVerdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultStorageClassCheckTest {

    @Test
    void anExpandableBlockStorageDefaultPasses() {
        PrerequisiteCheck check = DefaultStorageClassCheck.check(Readout.found(List.of(
                new StorageClassFacts("gp3", "ebs.csi.aws.com", true, true),
                new StorageClassFacts("efs", "efs.csi.aws.com", false, true))));

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.PASS);
        assertThat(check.found()).contains("gp3 (ebs.csi.aws.com)");
    }

    @Test
    void aDefaultWithoutVolumeExpansionWarnsThatDisksCannotGrow() {
        PrerequisiteCheck check = DefaultStorageClassCheck.check(Readout.found(List.of(
                new StorageClassFacts("standard", "rancher.io/local-path", true, null))));

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.WARN);
        assertThat(check.found()).isEqualTo("standard does not allow volume expansion");
        assertThat(check.advice()).contains("set allowVolumeExpansion: true on standard");
    }

    @Test
    void anNfsDefaultWarnsThatQdrantNeedsBlockStorage() {
        PrerequisiteCheck check = DefaultStorageClassCheck.check(Readout.found(List.of(
                new StorageClassFacts("nfs-client", "cluster.local/nfs-subdir-external-provisioner", true, true))));

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.WARN);
        assertThat(check.found()).contains("file/object storage");
        assertThat(check.advice()).contains("block-storage");
    }

    @Test
    void noStorageClassAtAllFails() {
        assertThat(DefaultStorageClassCheck.check(Readout.found(List.of())).verdict())
                .isEqualTo(PrerequisiteVerdict.FAIL);
    }

    @Test
    void classesWithoutADefaultWarn() {
        PrerequisiteCheck check = DefaultStorageClassCheck.check(Readout.found(List.of(
                new StorageClassFacts("fast", "pd.csi.storage.gke.io", false, true))));

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.WARN);
        assertThat(check.found()).contains("no StorageClass is marked default").contains("fast");
    }

    @Test
    void aForbiddenReadWarnsCannotCheckAndNamesTheClusterReadComponent() {
        PrerequisiteCheck check = DefaultStorageClassCheck.check(new Readout.Forbidden<>("forbidden by RBAC (HTTP 403)"));

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.WARN);
        assertThat(check.found()).startsWith("cannot check storage classes");
        assertThat(check.advice()).contains("deploy/kustomize/components/agent-cluster-read");
    }
}
