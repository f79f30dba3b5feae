package io.qdranthybrid.protocol.client;

import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.delivery.ApplyLedger;
import io.qdranthybrid.protocol.message.Hello;
import io.qdranthybrid.protocol.session.BackoffPolicy;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class AgentConnectionTlsTest {

    private static final BackoffPolicy SLOW = new BackoffPolicy(
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(5));

    private static final HeldCertificate PRIVATE_CA = new HeldCertificate.Builder()
            .certificateAuthority(0).commonName("qdrant-hybrid test CA").build();

    private final FakeControlPlane controlPlane = new FakeControlPlane();
    private final RecordingListener listener = new RecordingListener();
    private AgentConnection agent;

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close(Duration.ofSeconds(2));
        }
        controlPlane.close();
    }

    private void serveTlsAs(String hostname) throws Exception {
        HeldCertificate serverCertificate = new HeldCertificate.Builder()
                .addSubjectAlternativeName(hostname).signedBy(PRIVATE_CA).build();
        HandshakeCertificates server = new HandshakeCertificates.Builder()
                .heldCertificate(serverCertificate, PRIVATE_CA.certificate()).build();
        controlPlane.useHttps(server.sslSocketFactory()).start();
    }

    private void connect(String caBundlePem) {
        AgentConnectionSettings settings = AgentConnectionSettings.builder(controlPlane.url("wss"),
                SampleMessages.ENVIRONMENT_ID, SampleMessages.ACCESS_KEY, "1.2.3")
                .backoff(SLOW).caBundlePem(caBundlePem).build();
        agent = new AgentConnection(settings, new RecordingHandler(), listener, new ApplyLedger());
        agent.start();
    }

    @Test
    void aServerSignedByTheConfiguredCustomCaIsTrusted() throws Exception {
        serveTlsAs("localhost");

        connect(PRIVATE_CA.certificatePem());

        await().until(() -> agent.state() == ConnectionState.CONNECTED);
        assertThat(controlPlane.receivedOf(Hello.class)).hasSize(1);
    }

    @Test
    void aServerCertificateFromAnUnknownCaIsRefused() throws Exception {
        serveTlsAs("localhost");

        connect(null);

        await().until(() -> !listener.failures.isEmpty());
        assertThat(listener.failures.get(0)).isInstanceOf(SSLException.class);
        assertThat(agent.state()).isEqualTo(ConnectionState.WAITING_TO_RECONNECT);
        assertThat(controlPlane.received).isEmpty();
    }

    @Test
    void aTrustedCertificateForAnotherHostnameIsRefused() throws Exception {
        serveTlsAs("control-plane.example.com");

        connect(PRIVATE_CA.certificatePem());

        await().until(() -> !listener.failures.isEmpty());
        assertThat(listener.failures.get(0)).isInstanceOf(SSLException.class)
                .hasMessageContaining("localhost");
        assertThat(controlPlane.received).isEmpty();
    }

    @Test
    void aCaBundleWithoutCertificatesIsRejectedUpFront() {
        assertThatThrownBy(() -> CustomCaTrust.systemPlus("not a certificate"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PEM");
    }

    @Test
    void theSystemTrustStoreStillAppliesNextToTheCustomCa() {
        CustomCaTrust trust = CustomCaTrust.systemPlus(PRIVATE_CA.certificatePem());
        int systemCas = CustomCaTrust.systemPlus(null).trustManager().getAcceptedIssuers().length;

        assertThat(trust.trustManager().getAcceptedIssuers()).hasSize(systemCas + 1)
                .contains(PRIVATE_CA.certificate());
    }
}
