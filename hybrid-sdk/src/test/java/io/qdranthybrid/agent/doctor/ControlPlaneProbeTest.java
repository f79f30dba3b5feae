package io.qdranthybrid.agent.doctor;

import io.qdranthybrid.protocol.client.AgentConnectionSettings;
import io.qdranthybrid.protocol.client.ProxySettings;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.PrerequisiteCheck;
import io.qdranthybrid.protocol.message.PrerequisiteVerdict;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe over real sockets: a TLS control plane with a private CA, a refusing proxy, nobody listening. */
class ControlPlaneProbeTest {

    private static final AccessKey KEY = AccessKey.parse("7f1d3c2e-0b9a-4c59-9d7e-2a6f8e4b1c3d|probe-test-secret");
    private static final HeldCertificate PRIVATE_CA = new HeldCertificate.Builder()
            .certificateAuthority(0).commonName("qdrant-hybrid doctor test CA").build();

    private final MockWebServer server = new MockWebServer();

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private void serveTlsControlPlane() throws IOException {
        HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("localhost")
                .signedBy(PRIVATE_CA).build();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate, PRIVATE_CA.certificate())
                .build().sslSocketFactory(), false);
        server.enqueue(new MockResponse().withWebSocketUpgrade(new WebSocketListener() { }));
        server.start();
    }

    private static PrerequisiteCheck probe(AgentConnectionSettings settings) {
        return probe(settings, true);
    }

    private static PrerequisiteCheck probe(AgentConnectionSettings settings, boolean upgrade) {
        ControlPlaneProbe probe = new ControlPlaneProbe(settings, Duration.ofSeconds(5), upgrade);
        return ControlPlaneReachabilityCheck.check(probe.probe(), settings.url().toString(), probe.route());
    }

    private AgentConnectionSettings.Builder controlPlaneSettings() {
        return AgentConnectionSettings.builder(URI.create("wss://localhost:" + server.getPort() + "/agent/v1"),
                "env-doctor", KEY, "1.0.0");
    }

    @Test
    void aControlPlaneSignedByTheConfiguredCaAcceptsTheUpgrade() throws Exception {
        serveTlsControlPlane();

        PrerequisiteCheck check = probe(controlPlaneSettings().caBundlePem(PRIVATE_CA.certificatePem()).build());

        assertThat(check.verdict()).as(check.found()).isEqualTo(PrerequisiteVerdict.PASS);
        assertThat(server.takeRequest().getPath()).isEqualTo("/agent/v1");
    }

    @Test
    void withoutTheUpgradeStepItStopsOnceTlsIsUpAndSendsNoRequest() throws Exception {
        serveTlsControlPlane();

        PrerequisiteCheck check = probe(controlPlaneSettings().caBundlePem(PRIVATE_CA.certificatePem()).build(), false);

        assertThat(check.verdict()).as(check.found()).isEqualTo(PrerequisiteVerdict.PASS);
        assertThat(check.found()).contains("completes a TLS handshake with a trusted certificate");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void withoutTheCaBundleTheCertificateIsNotTrusted() throws Exception {
        serveTlsControlPlane();

        PrerequisiteCheck check = probe(controlPlaneSettings().build());

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.FAIL);
        assertThat(check.found()).startsWith("certificate not trusted at wss://localhost:");
        assertThat(check.advice()).startsWith("configure the CA bundle");
    }

    @Test
    void aTrustedCertificateForAnotherHostIsReportedAsAMismatch() throws Exception {
        HeldCertificate certificate = new HeldCertificate.Builder()
                .addSubjectAlternativeName("control-plane.example.com").signedBy(PRIVATE_CA).build();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate, PRIVATE_CA.certificate())
                .build().sslSocketFactory(), false);
        server.start();

        PrerequisiteCheck check = probe(controlPlaneSettings().caBundlePem(PRIVATE_CA.certificatePem()).build());

        assertThat(check.found()).startsWith("certificate does not match the host of wss://localhost:");
    }

    @Test
    void aProxyAskingForCredentialsIsReportedAsRefusingConnect() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(407).setStatus("HTTP/1.1 407 Proxy Authentication Required"));
        server.start();
        AgentConnectionSettings settings = AgentConnectionSettings.builder(
                        URI.create("wss://cloud.example.invalid/agent/v1"), "env-doctor", KEY, "1.0.0")
                .proxy(ProxySettings.of("http://localhost:" + server.getPort(), null)).build();

        PrerequisiteCheck check = probe(settings);

        assertThat(check.found()).isEqualTo("proxy refused CONNECT: HTTP/1.1 407 Proxy Authentication Required");
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("CONNECT cloud.example.invalid:443 HTTP/1.1");
    }

    @Test
    void nobodyListeningFailsAtTcpNamingTheTarget() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AgentConnectionSettings settings = AgentConnectionSettings.builder(
                URI.create("wss://localhost:" + closedPort + "/agent/v1"), "env-doctor", KEY, "1.0.0").build();

        PrerequisiteCheck check = probe(settings);

        assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.FAIL);
        assertThat(check.found()).startsWith("cannot connect to localhost:" + closedPort);
    }
}
