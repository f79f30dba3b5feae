package io.qdranthybrid.harness.apps;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * What the operator's and the agent's management port may show, read the same way for both apps: health and
 * Prometheus only (Micronaut's other built-in endpoints expose beans, routes, thread dumps and a POST /refresh with
 * no authentication), and no Secret value or bearer token in their logs. The methods report what they find; the
 * tests assert on it.
 */
public final class ManagementSurface {

    /** Micronaut management endpoints that must answer 404 (io.micronaut.management.endpoint.*). */
    private static final List<String> HIDDEN_READS =
            List.of("/beans", "/routes", "/threaddump", "/env", "/loggers", "/info", "/caches");
    private static final List<String> HIDDEN_WRITES = List.of("/refresh", "/stop");

    private ManagementSurface() {
    }

    /**
     * Waits for the app at {@code base} to be live, then returns each request whose answer is not what a locked-down
     * port gives ({@code "GET /beans -> 200"}); empty when only health and Prometheus are served.
     */
    public static List<String> unexpectedAnswers(URI base) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        await().atMost(Duration.ofSeconds(30)).until(() -> status(http, get(base, "/health/liveness")) == 200);
        List<String> unexpected = new ArrayList<>();
        // /health aggregates the readiness of every indicator: 503 while the app waits for its cluster is fine.
        expect(unexpected, "GET /health", status(http, get(base, "/health")), Set.of(200, 503));
        expect(unexpected, "GET /prometheus", status(http, get(base, "/prometheus")), Set.of(200));
        for (String path : HIDDEN_READS) {
            expect(unexpected, "GET " + path, status(http, get(base, path)), Set.of(404));
        }
        for (String path : HIDDEN_WRITES) {
            HttpRequest post = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            expect(unexpected, "POST " + path, status(http, post), Set.of(404));
        }
        return unexpected;
    }

    /** Creates a Secret named {@code db-password} holding a fresh value, and returns that value. */
    public static String createSecretToKeepOutOfLogs(KubernetesClient client, String namespace) {
        String value = "never-in-the-logs-" + UUID.randomUUID();
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata()
                .withName("db-password").endMetadata().addToStringData("password", value).build()).create();
        return value;
    }

    /**
     * The log lines that show the Secret's value (plain, or base64 as the API sends it) or a request's headers and
     * body (fabric8's HTTP logger starts those with "HTTP START" and shows "Authorization").
     */
    public static List<String> leakingLines(List<String> logLines, String secretValue) {
        String base64 = Base64.getEncoder().encodeToString(secretValue.getBytes());
        return logLines.stream().filter(line -> line.contains(secretValue) || line.contains(base64)
                || line.contains("Authorization") || line.contains("HTTP START")).toList();
    }

    private static void expect(List<String> unexpected, String request, int status, Set<Integer> allowed) {
        if (!allowed.contains(status)) {
            unexpected.add(request + " -> " + status);
        }
    }

    private static HttpRequest get(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build();
    }

    private static int status(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
