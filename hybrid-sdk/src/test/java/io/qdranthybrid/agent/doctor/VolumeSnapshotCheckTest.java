package io.qdranthybrid.agent.doctor;

import io.qdranthybrid.protocol.message.PrerequisiteCheck;
import io.qdranthybrid.protocol.message.PrerequisiteVerdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class VolumeSnapshotCheckTest {

    private static final Readout<Set<String>> SERVED = Readout.found(Set.copyOf(VolumeSnapshotCheck.SNAPSHOT_RESOURCES));

    @Test
    void aSnapshotClassForTheDefaultDriverPasses() {
        PrerequisiteCheck check = VolumeSnapshotCheck.check(SERVED,
                Readout.found(List.of(new SnapshotClassFacts("csi-snapclass", "ebs.csi.aws.com"))), "ebs.csi.aws.com");

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.PASS);
        assertThat(check.found()).isEqualTo("csi-snapclass (ebs.csi.aws.com)");
    }

    @Test
    void withoutTheSnapshotCrdsBackupsAreUnavailable() {
        PrerequisiteCheck check = VolumeSnapshotCheck.check(Readout.found(Set.of()),
                new Readout.Unreadable<>("the API is not installed"), "ebs.csi.aws.com");

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.WARN);
        assertThat(check.found()).contains("backups are unavailable").contains("volumesnapshots");
        assertThat(check.advice()).contains("external-snapshotter");
    }

    @Test
    void withoutASnapshotClassBackupsAreUnavailable() {
        PrerequisiteCheck check = VolumeSnapshotCheck.check(SERVED, Readout.found(List.of()), "rancher.io/local-path");

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.WARN);
        assertThat(check.found()).isEqualTo("no VolumeSnapshotClass: backups are unavailable");
        assertThat(check.advice()).contains("driver: rancher.io/local-path");
    }

    @Test
    void aSnapshotClassForAnotherDriverWarns() {
        PrerequisiteCheck check = VolumeSnapshotCheck.check(SERVED,
                Readout.found(List.of(new SnapshotClassFacts("longhorn", "driver.longhorn.io"))), "ebs.csi.aws.com");

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.WARN);
        assertThat(check.advice()).isEqualTo("create a VolumeSnapshotClass with driver: ebs.csi.aws.com");
    }

    @Test
    void forbiddenClassesWarnCannotCheck() {
        PrerequisiteCheck check = VolumeSnapshotCheck.check(SERVED, new Readout.Forbidden<>("forbidden"), null);

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.WARN);
        assertThat(check.advice()).contains("agent-cluster-read");
    }
}
