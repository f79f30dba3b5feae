package io.qdranthybrid.harness.qdrant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.util.Map;

import static io.qdranthybrid.harness.qdrant.QdrantPods.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

class QdrantApiKeyTest {

    @RegisterExtension
    final QdrantPods pods = new QdrantPods();
    private final SimulatedQdrant qdrant = pods.qdrant();

    private QdrantHttp startWithKeys(Map<String, String> env, Map<String, String> files) {
        qdrant.start(QdrantPods.launch("secure", 0, "pv-secure-0", env, files));
        QdrantHttp node = pods.http("secure", 0);
        pods.awaitReady("secure", 0);
        return node;
    }

    /** Qdrant's auth middleware answers in plain text, not in its JSON envelope (src/actix/auth.rs). */
    private static String error(QdrantHttp.Response response) {
        return response.body();
    }

    @Test
    void requestsWithoutOrWithAWrongKeyAreUnauthorized() {
        QdrantHttp node = startWithKeys(Map.of("QDRANT__SERVICE__API_KEY", "full-secret",
                "QDRANT__SERVICE__READ_ONLY_API_KEY", "read-secret"), Map.of());

        QdrantHttp.Response none = node.get("/collections");
        assertThat(none.status()).isEqualTo(401);
        assertThat(error(none)).isEqualTo("Must provide an API key or an Authorization bearer token");
        QdrantHttp.Response wrong = node.withApiKey("guess").get("/collections");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(error(wrong)).isEqualTo("Invalid API key or JWT");
        assertThat(node.get("/telemetry").status()).isEqualTo(401);
        assertThat(node.get("/metrics").status()).isEqualTo(401);
    }

    @Test
    void healthEndpointsNeedNoKey() {
        QdrantHttp node = startWithKeys(Map.of("QDRANT__SERVICE__API_KEY", "full-secret"), Map.of());
        assertThat(node.get("/healthz").status()).isEqualTo(200);
        assertThat(node.get("/livez").status()).isEqualTo(200);
        assertThat(node.get("/readyz").status()).isEqualTo(200);
        assertThat(node.get("/").status()).as("the root, with the version, is open too").isEqualTo(200);
    }

    @Test
    void readOnlyKeyReadsButCannotWrite() {
        QdrantHttp node = startWithKeys(Map.of("QDRANT__SERVICE__API_KEY", "full-secret",
                "QDRANT__SERVICE__READ_ONLY_API_KEY", "read-secret"), Map.of());
        QdrantHttp reader = node.withApiKey("read-secret");

        assertThat(reader.get("/collections").status()).isEqualTo(200);
        QdrantHttp.Response write = reader.put("/collections/docs", "{\"shard_number\":1}");
        assertThat(write.status()).isEqualTo(403);
        assertThat(error(write)).contains("Write access denied");
        assertThat(qdrant.cluster(NAMESPACE, "secure").collectionNames()).isEmpty();
    }

    @Test
    void fullKeyWritesViaApiKeyHeaderOrBearerToken() {
        QdrantHttp node = startWithKeys(Map.of("QDRANT__SERVICE__API_KEY", "full-secret"), Map.of());

        assertThat(node.withApiKey("full-secret").put("/collections/docs", "{\"shard_number\":1}").status()).isEqualTo(200);
        QdrantHttp.Response bearer = node.send(node.request("/collections/docs")
                .header("Authorization", "Bearer full-secret").GET());
        assertThat(bearer.status()).isEqualTo(200);
        assertThat(bearer.result().get("config").get("params").get("shard_number").asInt()).isEqualTo(1);
        assertThat(node.send(node.request("/collections/docs").header("Authorization", "Bearer nope")
                .method("DELETE", HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(401);
    }

    @Test
    void apiKeyFromProductionYamlIsEnforcedAndEnvOverridesIt() {
        String yaml = "service:\n  api_key: from-file\n  read_only_api_key: read-from-file\n";
        QdrantHttp fileKeyed = startWithKeys(Map.of(), Map.of("/qdrant/config/production.yaml", yaml));
        assertThat(fileKeyed.get("/collections").status()).isEqualTo(401);
        assertThat(fileKeyed.withApiKey("from-file").get("/collections").status()).isEqualTo(200);
        assertThat(fileKeyed.withApiKey("read-from-file").get("/collections").status()).isEqualTo(200);

        qdrant.start(QdrantPods.launch("other", 0, "pv-other-0", Map.of("QDRANT__SERVICE__API_KEY", "from-env"),
                Map.of("/qdrant/config/production.yaml", yaml)));
        pods.awaitReady("other", 0);
        QdrantHttp envKeyed = pods.http("other", 0);
        assertThat(envKeyed.withApiKey("from-file").get("/collections").status()).isEqualTo(401);
        assertThat(envKeyed.withApiKey("from-env").get("/collections").status()).isEqualTo(200);
    }

    @Test
    void unreadableConfigMakesTheContainerExitAtStart() throws Exception {
        var container = qdrant.start(QdrantPods.launch("broken", 0, "pv-broken-0", Map.of(),
                Map.of("/qdrant/config/production.yaml", "service: [unclosed")));

        assertThat(container.exited().toCompletableFuture().get(1, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(qdrant.endpoint(NAMESPACE, "broken-0")).isEmpty();
    }

    @Test
    void withoutKeysEverythingIsOpen() {
        pods.startCluster("open", 1);
        assertThat(pods.http("open", 0).put("/collections/docs", "{}").status()).isEqualTo(200);
    }
}
