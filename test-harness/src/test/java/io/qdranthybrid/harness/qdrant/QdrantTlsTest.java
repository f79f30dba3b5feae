package io.qdranthybrid.harness.qdrant;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.qdranthybrid.harness.runtime.RunningContainer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** TLS on the REST port when the config enables it, with the certificate and key files it names. */
class QdrantTlsTest {

    @RegisterExtension
    final QdrantPods pods = new QdrantPods();
    private final SimulatedQdrant qdrant = pods.qdrant();

    private static final String CONFIG = """
            service:
              enable_tls: true
            tls:
              cert: /qdrant/tls/cert.pem
              key: /qdrant/tls/key.pem
            """;

    @Test
    void aTlsNodeServesHttpsWithItsCertificateToClientsThatTrustItsCa() throws Exception {
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("test CA").build();
        HeldCertificate node = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").signedBy(ca).build();
        RunningContainer started = qdrant.start(QdrantPods.launch("tls", 0, "pv-tls-0", Map.of(), Map.of(
                "/qdrant/config/production.yaml", CONFIG,
                "/qdrant/tls/cert.pem", node.certificatePem(),
                "/qdrant/tls/key.pem", node.privateKeyPkcs8Pem())));
        URI base = qdrant.endpoint(QdrantPods.NAMESPACE, "tls-0").orElseThrow();
        assertThat(base.getScheme()).isEqualTo("https");

        HttpClient trusting = HttpClient.newBuilder().sslContext(new HandshakeCertificates.Builder()
                .addTrustedCertificate(ca.certificate()).build().sslContext()).build();
        await().atMost(Duration.ofSeconds(5)).ignoreExceptionsInstanceOf(java.io.IOException.class).until(() -> trusting.send(HttpRequest.newBuilder(base.resolve("/readyz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        assertThat(trusting.send(HttpRequest.newBuilder(base.resolve("/")).build(), HttpResponse.BodyHandlers.ofString())
                .body()).contains("\"version\"");

        HttpClient systemTrust = HttpClient.newHttpClient();
        assertThatThrownBy(() -> systemTrust.send(HttpRequest.newBuilder(base.resolve("/")).build(),
                HttpResponse.BodyHandlers.ofString())).as("a certificate of a private CA").isInstanceOf(java.io.IOException.class);
        // The kubelet's HTTPS probe does not verify certificates.
        assertThat(started.probe(new ProbeBuilder().withNewHttpGet().withScheme("HTTPS").withPath("/readyz")
                .withPort(new IntOrString(6333)).endHttpGet().withTimeoutSeconds(1).build())).isTrue();
    }

    @Test
    void aTlsNodeWithoutItsKeyFileExitsAtStart() throws Exception {
        RunningContainer started = qdrant.start(QdrantPods.launch("broken", 0, "pv-broken-0", Map.of(), Map.of(
                "/qdrant/config/production.yaml", CONFIG)));

        assertThat(started.exited().toCompletableFuture().get()).isNotZero();
    }
}
