package io.qdranthybrid.protocol.client;

import io.qdranthybrid.protocol.SampleMessages;
import io.qdranthybrid.protocol.delivery.ApplyLedger;
import io.qdranthybrid.protocol.message.Hello;
import io.qdranthybrid.protocol.session.BackoffPolicy;
import okhttp3.Credentials;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AgentConnectionProxyTest {

    private static final BackoffPolicy SLOW = new BackoffPolicy(
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(5));
    private static final HeldCertificate CA = new HeldCertificate.Builder()
            .certificateAuthority(0).commonName("proxy test CA").build();
    private static final String USER = "agent";
    private static final String PASSWORD = "pr0xy-pa55word";

    private final FakeControlPlane controlPlane = new FakeControlPlane();
    private final RecordingListener listener = new RecordingListener();
    private ConnectTunnelProxy proxy;
    private AgentConnection agent;

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close(Duration.ofSeconds(2));
        }
        controlPlane.close();
        if (proxy != null) {
            proxy.close();
        }
    }

    private void startTlsControlPlane() throws Exception {
        HeldCertificate serverCertificate = new HeldCertificate.Builder()
                .addSubjectAlternativeName("localhost").signedBy(CA).build();
        controlPlane.useHttps(new HandshakeCertificates.Builder()
                .heldCertificate(serverCertificate, CA.certificate()).build().sslSocketFactory()).start();
    }

    private void connect(String scheme, ProxySettings proxySettings) {
        AgentConnectionSettings settings = AgentConnectionSettings.builder(controlPlane.url(scheme),
                SampleMessages.ENVIRONMENT_ID, SampleMessages.ACCESS_KEY, "1.2.3")
                .backoff(SLOW).caBundlePem(CA.certificatePem()).proxy(proxySettings)
                .allowInsecure("ws".equals(scheme)).build();
        agent = new AgentConnection(settings, new RecordingHandler(), listener, new ApplyLedger());
        agent.start();
    }

    @Test
    void theSessionTunnelsThroughAProxyThatRequiresBasicCredentials() throws Exception {
        startTlsControlPlane();
        proxy = new ConnectTunnelProxy(Credentials.basic(USER, PASSWORD));

        connect("wss", ProxySettings.of("http://127.0.0.1:" + proxy.port(), "10.0.0.0/8,.internal")
                .withCredentials(USER, PASSWORD));

        await().until(() -> agent.state() == ConnectionState.CONNECTED);
        assertThat(proxy.connectTargets).contains("localhost:" + controlPlane.port());
        assertThat(proxy.authorizations).contains(Credentials.basic(USER, PASSWORD));
        assertThat(controlPlane.receivedOf(Hello.class)).hasSize(1);
        // The TLS session, Hello and Welcome included, went through the tunnel in both directions.
        assertThat(proxy.bytesUpstream.get()).isGreaterThan(500);
        assertThat(proxy.bytesDownstream.get()).isGreaterThan(500);
    }

    @Test
    void wrongProxyCredentialsFailTheAttemptWithoutLooping() throws Exception {
        startTlsControlPlane();
        proxy = new ConnectTunnelProxy(Credentials.basic(USER, PASSWORD));

        connect("wss", ProxySettings.of("http://127.0.0.1:" + proxy.port(), "").withCredentials(USER, "wrong"));

        await().until(() -> !listener.failures.isEmpty());
        assertThat(proxy.challenges.get()).isEqualTo(1);
        assertThat(listener.failures.get(0)).hasMessageContaining("authenticate with proxy");
        assertThat(controlPlane.received).isEmpty();
        assertThat(agent.state()).isEqualTo(ConnectionState.WAITING_TO_RECONNECT);
    }

    @Test
    void aNoProxyHostIsReachedDirectly() throws Exception {
        controlPlane.start();
        proxy = new ConnectTunnelProxy(Credentials.basic(USER, PASSWORD));

        connect("ws", ProxySettings.of("http://127.0.0.1:" + proxy.port(), "example.com, localhost")
                .withCredentials(USER, PASSWORD));

        await().until(() -> agent.state() == ConnectionState.CONNECTED);
        assertThat(proxy.connectTargets).isEmpty();
        assertThat(proxy.bytesUpstream.get()).isZero();
    }

    @Test
    void theAuthenticatorAnswersAChallengeOnceAndThenGivesUp() {
        BasicProxyAuthenticator authenticator = new BasicProxyAuthenticator(USER, PASSWORD);
        Request connect = new Request.Builder().url("https://control-plane.example:443/").build();

        Request answered = authenticator.authenticate(null, challenge(connect));
        Request second = authenticator.authenticate(null, challenge(answered));

        assertThat(answered.header("Proxy-Authorization")).isEqualTo(Credentials.basic(USER, PASSWORD));
        assertThat(second).isNull();
    }

    @Test
    void credentialsInTheProxyUrlAreTakenOutOfIt() {
        ProxySettings settings = ProxySettings.parse("http://agent:p%40ss%3Aword@proxy.corp:3128", ".corp");

        assertThat(settings.proxyUrl()).hasToString("http://proxy.corp:3128");
        assertThat(settings.username()).isEqualTo("agent");
        assertThat(settings.password()).isEqualTo("p@ss:word");
        assertThat(settings.noProxy().bypassesProxy("git.corp")).isTrue();
        assertThat(settings.toString()).doesNotContain("p@ss");
    }

    @Test
    void aProxyUrlWithoutPortOrWithHttpsSchemeIsRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProxySettings.parse("http://proxy.corp", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://host:port");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProxySettings.parse("https://proxy.corp:443", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only http://");
    }

    @Test
    void theProxyPasswordIsRedacted() {
        ProxySettings settings = ProxySettings.of("http://proxy:3128", "").withCredentials(USER, PASSWORD);

        assertThat(settings.toString()).contains(USER).doesNotContain(PASSWORD);
    }

    private static Response challenge(Request request) {
        return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(407)
                .message("Proxy Authentication Required").header("Proxy-Authenticate", "Basic realm=\"x\"").build();
    }
}
