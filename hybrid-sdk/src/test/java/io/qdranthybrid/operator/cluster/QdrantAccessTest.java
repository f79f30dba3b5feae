package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantConfiguration;
import io.qdranthybrid.crd.QdrantSecretKeyRef;
import io.qdranthybrid.crd.ServiceConfig;
import io.qdranthybrid.crd.TlsConfig;
import io.qdranthybrid.qdrant.QdrantApiException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QdrantAccessTest {

    @Test
    void apiKeySecretIsReadOncePerClusterAndEveryNodeClientCarriesIt() {
        CountingClusterReads reads = new CountingClusterReads();
        QdrantAccess access = new QdrantAccess(reads, QdrantEndpoints.clusterDns(),
                HttpClient.newHttpClient(), Duration.ofSeconds(1));
        QdrantCluster cluster = ClusterFixtures.minimal();
        cluster.getSpec().setConfig(new QdrantConfiguration());
        cluster.getSpec().getConfig().setService(new ServiceConfig());
        cluster.getSpec().getConfig().getService().setApiKey(new QdrantSecretKeyRef());
        cluster.getSpec().getConfig().getService().getApiKey().setSecretKeyRef(new SecretKeySelector("api-key", "demo-key", false));
        cluster.getSpec().getConfig().getService().setEnableTls(true);

        QdrantAccess.Nodes nodes = access.nodes(cluster);
        List<String> clients = List.of(nodes.node(0).toString(), nodes.node(1).toString(), nodes.node(2).toString());

        assertThat(reads.secretReads).hasValue(1);
        assertThat(clients).allSatisfy(client -> assertThat(client).contains("api-key=***").contains("https://")
                .doesNotContain("s3cret"));
        assertThat(clients.get(2)).contains("qdrant-demo-2.qdrant-headless-demo.team-a.svc:6333");
    }

    @Test
    void aTlsClusterIsReachedTrustingTheCaItsSpecReferences() throws Exception {
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("cluster CA").build();
        HeldCertificate server = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1")
                .addSubjectAlternativeName("localhost").signedBy(ca).build();
        try (MockWebServer node = new MockWebServer()) {
            node.useHttps(new HandshakeCertificates.Builder().heldCertificate(server, ca.certificate()).build()
                    .sslSocketFactory(), false);
            node.setProtocols(List.of(okhttp3.Protocol.HTTP_1_1));
            node.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            node.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
                    .setBody("{\"result\":{\"collections\":[{\"name\":\"docs\"}]},\"status\":\"ok\"}"));
            node.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
                    .setBody("{\"result\":{\"collections\":[]},\"status\":\"ok\"}"));
            QdrantEndpoints local = (namespace, names, ordinal, tls) ->
                    java.net.URI.create((tls ? "https" : "http") + "://127.0.0.1:" + node.getPort());
            QdrantCluster cluster = ClusterFixtures.minimal();
            cluster.getSpec().setConfig(new QdrantConfiguration());
            cluster.getSpec().getConfig().setService(new ServiceConfig());
            cluster.getSpec().getConfig().getService().setEnableTls(true);
            cluster.getSpec().getConfig().setTls(new TlsConfig());
            cluster.getSpec().getConfig().getTls().setCaCert(new QdrantSecretKeyRef());
            cluster.getSpec().getConfig().getTls().getCaCert().setSecretKeyRef(new SecretKeySelector("ca.crt", "demo-ca", false));
            ClusterReads withCa = new CountingClusterReads() {
                @Override
                public java.util.Optional<String> secretValue(String namespace, String name, String key) {
                    return "demo-ca".equals(name) && "ca.crt".equals(key) ? java.util.Optional.of(ca.certificatePem())
                            : super.secretValue(namespace, name, key);
                }
            };

            QdrantAccess trusting = new QdrantAccess(withCa, local, HttpClient.newHttpClient(), Duration.ofSeconds(20));
            assertThat(trusting.node(cluster, 0).collections()).containsExactly("docs");

            QdrantAccess systemOnly = new QdrantAccess(new CountingClusterReads(), local, HttpClient.newHttpClient(),
                    Duration.ofSeconds(20));
            assertThatThrownBy(() -> systemOnly.node(cluster, 0).collections())
                    .as("without the cluster's CA the certificate is not trusted").isInstanceOf(QdrantApiException.class);
        }
    }
}
