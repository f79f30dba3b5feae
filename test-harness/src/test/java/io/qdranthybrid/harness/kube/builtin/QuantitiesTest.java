package io.qdranthybrid.harness.kube.builtin;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Canonical quantities as k8s.io/apimachinery/pkg/api/resource/quantity.go Quantity.String() prints them. */
class QuantitiesTest {

  @ParameterizedTest(name = "{0} is written {1}")
  @CsvSource({
      "1000m, 1", "0.5, 500m", "1500m, 1500m", "1.5, 1500m", "2000, 2k", "1000000, 1M", "100M, 100M", "1000M, 1G",
      "1024Mi, 1Gi", "1.5Gi, 1536Mi", "512Mi, 512Mi", "2048Ki, 2Mi", "1.5Ki, 1536", "100, 100", "0, 0", "0Gi, 0",
      "0.0001, 1m", "1e3, 1e3", "1000e3, 1e6", "250m, 250m", "10Gi, 10Gi", "1Ki, 1Ki", "512, 512"
  })
  void canonicalForm(String written, String canonical) {
    assertThat(Quantities.canonical(written)).isEqualTo(canonical);
  }

  @ParameterizedTest
  @CsvSource({"abc", "1.2.3", "1Qi"})
  void notAQuantity(String written) {
    assertThatThrownBy(() -> Quantities.canonical(written)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("quantit");
  }
}
