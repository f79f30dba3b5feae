package io.qdranthybrid.reconcile;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterSpec;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * Test utility: a fabric8 mock API server in CRUD mode with the QdrantCluster CRD registered, handing out clients
 * (optionally with a {@link WriteCounter}); closes them all with the server.
 */
final class MockKube implements AutoCloseable {

    static final String NAMESPACE = "qdrant-system";

    private static MockKube shared;

    private final KubernetesMockServer server;
    private final List<KubernetesClient> clients = new ArrayList<>();
    private final KubernetesClient client;

    /**
     * One server for the whole test JVM: starting one costs seconds, so test classes share it and keep apart by
     * namespace or name. Closed when the JVM exits.
     */
    static synchronized MockKube shared() {
        if (shared == null) {
            shared = new MockKube();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "mock-kube-shutdown"));
        }
        return shared;
    }

    MockKube() {
        // Mixed: CRUD semantics, but a test may queue an exact response first (e.g. a 409 the mock would not produce).
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init();
        client = newClient();
        registerCrd("qdrantclusters.qdrant.io-v1.yml");
    }

    /** The server, to queue one-off responses with {@code expect()} ahead of the CRUD behaviour. */
    KubernetesMockServer server() {
        return server;
    }

    /** A plain client, e.g. for the test's own setup writes. */
    KubernetesClient client() {
        return client;
    }

    /** A new client whose writes {@code counter} records. */
    KubernetesClient countingClient(WriteCounter counter) {
        KubernetesClient counting = server.createClient(builder -> builder.withHttpClientBuilderConsumer(
                http -> http.addOrReplaceInterceptor("write-counter", counter)));
        clients.add(counting);
        return counting;
    }

    KubernetesClient newClient() {
        KubernetesClient created = server.createClient();
        clients.add(created);
        return created;
    }

    /** Creates a QdrantCluster in {@link #NAMESPACE} and returns it as stored. */
    QdrantCluster createCluster(String name, int size) {
        return createCluster(NAMESPACE, name, size, Map.of());
    }

    QdrantCluster createCluster(String namespace, String name, int size, Map<String, String> labels) {
        QdrantCluster cluster = new QdrantCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).withLabels(labels).build());
        QdrantClusterSpec spec = new QdrantClusterSpec();
        spec.setId(name);
        spec.setVersion("v1.12.3");
        spec.setSize(size);
        cluster.setSpec(spec);
        return client.resource(cluster).create();
    }

    private void registerCrd(String file) {
        try (InputStream yaml = getClass().getResourceAsStream("/META-INF/fabric8/" + file)) {
            if (yaml == null) {
                throw new IllegalStateException("CRD " + file + " is not on the test classpath; run process-classes first");
            }
            CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class);
            client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        clients.forEach(KubernetesClient::close);
        server.destroy();
    }
}
