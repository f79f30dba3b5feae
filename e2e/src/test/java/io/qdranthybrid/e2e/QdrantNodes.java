package io.qdranthybrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.operator.cluster.ClusterNames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A cluster's Qdrant nodes as an application reaches them, over Qdrant's REST API: whether a node answers ready,
 * which version it runs, how many points a collection holds. The ground truth of "the database keeps serving", read
 * from the simulated pods rather than from anything the operator or the agent says.
 */
final class QdrantNodes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final SimulatedCluster cluster;
    private final String namespace;
    private final ClusterNames names;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private QdrantNodes(SimulatedCluster cluster, String namespace, String clusterId) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.names = new ClusterNames(clusterId);
    }

    static QdrantNodes of(HybridEnvironment env, String clusterId) {
        SimulatedCluster simulated = env.cluster().simulated().orElseThrow(() -> new IllegalStateException(
                "the scenarios read the simulated Qdrant nodes; this one runs on " + env.cluster().description()));
        return new QdrantNodes(simulated, env.namespace(), clusterId);
    }

    /** Whether node {@code ordinal} answers {@code GET /readyz} with 200. */
    boolean ready(int ordinal) {
        return get(ordinal, "/readyz").map(response -> response.statusCode() == 200).orElse(false);
    }

    /** The version node {@code ordinal} reports on {@code GET /}, empty while no container answers. */
    Optional<String> version(int ordinal) {
        return get(ordinal, "/").filter(response -> response.statusCode() == 200)
                .map(response -> read(response.body()).path("version").asText(""));
    }

    /**
     * Points in {@code collection} as node {@code ordinal} counts them for the whole cluster ({@code points/count});
     * empty while the node does not answer.
     *
     * @throws AssertionError when the node answers with an error (e.g. the collection is gone)
     */
    OptionalLong count(int ordinal, String collection) {
        Optional<HttpResponse<String>> answer = endpoint(ordinal).flatMap(endpoint -> send(HttpRequest.newBuilder(
                        endpoint.resolve("/collections/" + collection + "/points/count"))
                .timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"exact\":true}")).build()));
        if (answer.isEmpty()) {
            return OptionalLong.empty();
        }
        HttpResponse<String> response = answer.get();
        if (response.statusCode() != 200) {
            throw new AssertionError("counting " + collection + " on " + names.pod(ordinal) + " answered HTTP "
                    + response.statusCode() + ": " + response.body());
        }
        return OptionalLong.of(read(response.body()).path("result").path("count").asLong());
    }

    private Optional<HttpResponse<String>> get(int ordinal, String path) {
        return endpoint(ordinal).flatMap(endpoint -> send(HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(TIMEOUT).GET().build()));
    }

    private Optional<URI> endpoint(int ordinal) {
        return cluster.qdrantEndpoint(namespace, names.pod(ordinal));
    }

    /** Empty when the node cannot be reached: a node going down is an answer here, not an error. */
    private Optional<HttpResponse<String>> send(HttpRequest request) {
        try {
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("a Qdrant node answered something that is not JSON: " + body, e);
        }
    }
}
