package io.qdranthybrid.benchmarks.endtoend;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The control plane's public REST API as a user's script calls it: one HTTP request per action. */
final class ControlPlaneRest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI environment;

    /** @param base the control plane's {@code http://} base, e.g. {@code http://127.0.0.1:8080/} */
    ControlPlaneRest(URI base, String environmentId) {
        this.environment = base.resolve("api/v1/hybrid-cloud-environments/" + environmentId + "/");
    }

    void createCluster(String id, int nodes, String version) {
        post("clusters", "{\"id\":\"" + id + "\",\"nodes\":" + nodes + ",\"version\":\"" + version + "\"}");
    }

    void scale(String id, int nodes) {
        post("clusters/" + id + "/scale", "{\"nodes\":" + nodes + "}");
    }

    void restart(String id) {
        post("clusters/" + id + "/restart", "{}");
    }

    private void post(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(environment.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + request.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("POST " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during POST " + request.uri(), e);
        }
    }
}
