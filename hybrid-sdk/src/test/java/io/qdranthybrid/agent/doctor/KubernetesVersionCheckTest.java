package io.qdranthybrid.agent.doctor;

import io.qdranthybrid.protocol.message.PrerequisiteCheck;
import io.qdranthybrid.protocol.message.PrerequisiteVerdict;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesVersionCheckTest {

    private static final LocalDate DEC_2025 = LocalDate.of(2025, 12, 1);

    @Test
    void aMinorReleaseInUpstreamSupportPasses() {
        PrerequisiteCheck check = KubernetesVersionCheck.check(Readout.found("v1.33.2"), DEC_2025);

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.PASS);
        assertThat(check.found()).contains("v1.33.2").contains("2026-06-28");
    }

    @Test
    void aVersionBelowTheMinimumFailsNamingTheMinimum() {
        PrerequisiteCheck check = KubernetesVersionCheck.check(Readout.found("v1.29.10-eks-1"), DEC_2025);

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.FAIL);
        assertThat(check.found()).contains("minimum 1.31");
        assertThat(check.advice()).contains("upgrade the cluster to Kubernetes 1.31");
    }

    @Test
    void aReleaseLeavingSupportWithinNinetyDaysWarnsWithTheDate() {
        PrerequisiteCheck check = KubernetesVersionCheck.check(Readout.found("v1.32.4+k3s1"), DEC_2025);

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.WARN);
        assertThat(check.found()).contains("leaves upstream support on 2026-02-28").contains("in 89 days");
    }

    @Test
    void aReleasePastEndOfLifeWarnsThatItLeftSupport() {
        PrerequisiteCheck check = KubernetesVersionCheck.check(Readout.found("v1.31.4+k3s1"), DEC_2025);

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.WARN);
        assertThat(check.found()).contains("left upstream support on 2025-10-28");
    }

    @Test
    void aReleaseNewerThanTheTablePasses() {
        assertThat(KubernetesVersionCheck.check(Readout.found("v1.40.0"), DEC_2025).verdict())
                .isEqualTo(PrerequisiteVerdict.PASS);
    }

    @Test
    void anUnreadableOrOddVersionWarnsInsteadOfFailing() {
        assertThat(KubernetesVersionCheck.check(new Readout.Unreadable<>("HTTP 500"), DEC_2025).verdict())
                .isEqualTo(PrerequisiteVerdict.WARN);
        assertThat(KubernetesVersionCheck.check(Readout.found("banana"), DEC_2025).verdict())
                .isEqualTo(PrerequisiteVerdict.WARN);
    }
}
