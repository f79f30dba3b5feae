package io.qdranthybrid.crd.validation;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesQuantityTest {

    @Test
    void parsesTheSuffixesTheApiServerAccepts() {
        assertThat(KubernetesQuantity.parse("500m")).contains(new BigDecimal("0.500"));
        assertThat(KubernetesQuantity.parse("2")).contains(new BigDecimal("2"));
        assertThat(KubernetesQuantity.parse("8Gi").orElseThrow()).isEqualByComparingTo("8589934592");
        assertThat(KubernetesQuantity.parse("1G").orElseThrow()).isEqualByComparingTo("1000000000");
        assertThat(KubernetesQuantity.parse("1e3").orElseThrow()).isEqualByComparingTo("1000");
        assertThat(KubernetesQuantity.parse("1.5Gi").orElseThrow()).isEqualByComparingTo("1610612736");
    }

    @Test
    void rejectsWhatTheApiServerRejects() {
        assertThat(KubernetesQuantity.parse("8GB")).isEmpty();
        assertThat(KubernetesQuantity.parse("eight")).isEmpty();
        assertThat(KubernetesQuantity.parse("1 Gi")).isEmpty();
        assertThat(KubernetesQuantity.parse("")).isEmpty();
        assertThat(KubernetesQuantity.parse("Gi")).isEmpty();
    }
}
