package io.qdranthybrid.harness.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls the control plane's REST API over real HTTP with the JDK's client, as a user's script would. */
final class RestCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, JsonNode body) {
    }

    Answer call(String method, String url, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!method.equals("GET")) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The answer is an error with this status and message, in the REST API's words: no QdrantCluster field path
     * ({@code spec.size}, {@code destination.create}) and no object name ({@code qdrant-orders}) where the request
     * said {@code nodes}, {@code newCluster} and {@code orders}.
     */
    static void assertError(Answer answer, int status, String message) {
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(status);
        assertThat(answer.body().path("code").asInt()).isEqualTo(status);
        String text = answer.body().path("message").asText();
        assertThat(text).contains(message);
        assertThat(text).as("in the REST API's vocabulary").doesNotContainPattern("\\bspec\\.")
                .doesNotContain("destination.").doesNotContain("snapshotName").doesNotContainPattern("qdrant-[a-z0-9]");
    }
}
