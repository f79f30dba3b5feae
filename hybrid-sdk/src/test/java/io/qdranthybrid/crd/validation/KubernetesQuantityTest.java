package io.qdranthybrid.crd.validation;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Random;

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

    @Test
    void aBareCapitalEIsExaNotAnExponent() {
        assertThat(KubernetesQuantity.parse("1E").orElseThrow()).isEqualByComparingTo("1000000000000000000");
        assertThat(KubernetesQuantity.parse("2Ei").orElseThrow()).isEqualByComparingTo("2305843009213693952");
        assertThat(KubernetesQuantity.parse("1E3").orElseThrow()).isEqualByComparingTo("1000");
        assertThat(KubernetesQuantity.parse("5e-3").orElseThrow()).isEqualByComparingTo("0.005");
        assertThat(KubernetesQuantity.parse("1e")).isEmpty();
    }

    @Test
    void exponentsBeyondAnyRealQuantityAreEmptyNotAnError() {
        assertThat(KubernetesQuantity.parse("1e1000")).isPresent();
        assertThat(KubernetesQuantity.parse("1e1001")).isEmpty();
        assertThat(KubernetesQuantity.parse("1e-1001")).isEmpty();
        assertThat(KubernetesQuantity.parse("1e2147483647")).isEmpty();
        assertThat(KubernetesQuantity.parse("1.5e-2147483648")).isEmpty();
        assertThat(KubernetesQuantity.parse("1e99999999999")).isEmpty();
    }

    @Test
    void neverThrowsWhateverTheText() {
        // Strings built from the grammar's own characters reach every branch of the parser.
        String alphabet = "0123456789.+-eEKMGTPinumk ";
        Random random = new Random(42);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(14);
            for (int c = 0; c < length; c++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String input = text.toString();
            assertThat(KubernetesQuantity.parse(input)).as(input).isNotNull();
        }
    }
}
