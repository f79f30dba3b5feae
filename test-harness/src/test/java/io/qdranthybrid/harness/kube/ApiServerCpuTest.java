package io.qdranthybrid.harness.kube;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The API server accounts the CPU of custom resource admission apart, within its request handling. */
class ApiServerCpuTest {

  @RegisterExtension
  final ApiServerFixture fixture = new ApiServerFixture(List.of(Gadgets.crd()));

  @Test
  void customResourceWritesAreAdmittedAndCountedWithinRequestHandling() {
    ApiServerCpu.Snapshot before = fixture.server().cpu().snapshot();

    new Gadgets(fixture.http()).createValid("g", "{\"id\":\"ab\"}");
    fixture.http().get("/api/v1/namespaces/test/configmaps");

    ApiServerCpu.Snapshot window = fixture.server().cpu().snapshot().minus(before);
    assertThat(window.requests()).isEqualTo(2);
    assertThat(window.admissions()).isEqualTo(1);
    assertThat(window.admissionCpuNanos()).isPositive().isLessThanOrEqualTo(window.requestCpuNanos());
    assertThat(window.admissionShare()).isBetween(0.0, 1.0);
  }
}
