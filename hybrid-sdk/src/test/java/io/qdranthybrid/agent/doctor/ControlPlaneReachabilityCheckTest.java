package io.qdranthybrid.agent.doctor;

import io.qdranthybrid.protocol.message.PrerequisiteCheck;
import io.qdranthybrid.protocol.message.PrerequisiteVerdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ControlPlaneReachabilityCheckTest {

    private static final String URL = "wss://cloud.example.com/agent/v1";

    private static PrerequisiteCheck check(ReachabilityResult result) {
        return ControlPlaneReachabilityCheck.check(result, URL, "directly");
    }

    @Test
    void anAcceptedWebSocketPasses() {
        assertThat(check(new ReachabilityResult.Answered(101, "HTTP/1.1 101 Switching Protocols")).verdict())
                .isEqualTo(PrerequisiteVerdict.PASS);
    }

    @Test
    void eachFailingStepGetsItsOwnAdvice() {
        assertThat(check(new ReachabilityResult.TcpFailed("proxy:3128", true, "Connection refused")).advice())
                .contains("qdrant.agent.proxy-url");
        assertThat(check(new ReachabilityResult.TcpFailed("cloud.example.com:443", false, "timed out")).advice())
                .contains("allow outbound TCP to cloud.example.com:443");
        assertThat(check(new ReachabilityResult.ProxyRefused(407, "HTTP/1.1 407 Proxy Authentication Required")))
                .extracting(PrerequisiteCheck::found, PrerequisiteCheck::advice)
                .containsExactly("proxy refused CONNECT: HTTP/1.1 407 Proxy Authentication Required",
                        "give the proxy's credentials in qdrant.agent.proxy-url as http://user:password@host:port");
        assertThat(check(new ReachabilityResult.ProxyRefused(403, "HTTP/1.1 403 Forbidden")).found())
                .startsWith("proxy refused CONNECT to " + URL);
        PrerequisiteCheck untrusted = check(new ReachabilityResult.CertificateNotTrusted("PKIX path building failed"));
        assertThat(untrusted.found()).startsWith("certificate not trusted");
        assertThat(untrusted.advice()).startsWith("configure the CA bundle: qdrant.agent.ca-bundle-file");
        assertThat(check(new ReachabilityResult.Answered(404, "HTTP/1.1 404 Not Found")).advice())
                .contains("wss://<control plane>/agent/v1");
        assertThat(check(new ReachabilityResult.Answered(502, "HTTP/1.1 502 Bad Gateway")).advice())
                .contains("pass WebSocket upgrades through");
    }
}
