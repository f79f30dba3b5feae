package io.qdranthybrid.harness.controlplane;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestGuardTest {

    private final RequestGuard loopbackOnly = new RequestGuard("");

    @Test
    void hostNamesAreReadWithoutPortsAndCase() {
        assertThat(RequestGuard.hostName("LOCALHOST:8080")).isEqualTo("localhost");
        assertThat(RequestGuard.hostName("[::1]:8080")).isEqualTo("[::1]");
        assertThat(RequestGuard.hostName("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(RequestGuard.hostName("")).isNull();
        assertThat(RequestGuard.hostName("[::1")).isNull();
    }

    @Test
    void readsNeedOnlyALoopbackHostAndWritesAlsoJsonAndNoForeignOrigin() {
        assertThat(loopbackOnly.check("GET", "localhost:1", "https://evil.example", null)).isEmpty();
        assertThat(loopbackOnly.check("GET", "localhost.evil.example", null, null)).get()
                .extracting(RestResponse::status).isEqualTo(421);
        assertThat(loopbackOnly.check("PATCH", "127.0.0.1:1", "http://localhost:1", "Application/JSON")).isEmpty();
        assertThat(loopbackOnly.check("PATCH", "127.0.0.1:1", "http://127.0.0.1.evil.example", "application/json"))
                .get().extracting(RestResponse::status).isEqualTo(403);
        assertThat(loopbackOnly.check("PUT", "127.0.0.1:1", null, "application/jsonx")).get()
                .extracting(RestResponse::status).isEqualTo(415);
    }
}
