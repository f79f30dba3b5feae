package io.qdranthybrid.agent.metrics;

import com.sun.net.httpserver.HttpServer;
import io.qdranthybrid.protocol.message.MetricSample;
import io.qdranthybrid.protocol.message.OperatorMetricNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's endpoint read over real HTTP: answered, refusing with a status, or not listening at all. */
class OperatorMetricsScraperTest {

    private static final Instant AT = Instant.parse("2026-12-07T12:00:00Z");
    private final PrometheusEndpoint reader = new PrometheusEndpoint(HttpClient.newHttpClient(), Duration.ofSeconds(3));
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/prometheus", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/prometheus");
    }

    private static MetricSample up(List<MetricSample> samples) {
        return samples.stream().filter(s -> s.name().equals(OperatorMetricNames.UP)).findFirst().orElseThrow();
    }

    @Test
    void anAnsweringEndpointIsReducedToTheOperatorSet() throws IOException {
        URI endpoint = serve(200, "controller_runtime_reconcile_total{controller=\"qdrantcluster\",result=\"success\"} 9\n"
                + "workqueue_depth{controller=\"qdrantcluster\"} 2\n");

        List<MetricSample> samples = new OperatorMetricsScraper(endpoint, reader).scrape(AT);

        assertThat(up(samples).value()).isEqualTo(1);
        assertThat(samples).filteredOn(s -> s.name().equals(OperatorMetricNames.RECONCILES_TOTAL))
                .extracting(MetricSample::value).containsExactly(9.0);
    }

    @Test
    void aNon200AnswerIsReportedUnreachableWithTheStatus() throws IOException {
        URI endpoint = serve(503, "no operator");

        List<MetricSample> samples = new OperatorMetricsScraper(endpoint, reader).scrape(AT);

        assertThat(samples).hasSize(1);
        assertThat(up(samples).value()).isZero();
        assertThat(up(samples).labels().get(OperatorMetricNames.REASON)).isEqualTo("GET " + endpoint + " answered 503");
    }

    @Test
    void aPortNobodyListensOnIsReportedUnreachableWithTheConnectionFailure() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + closed + "/prometheus");

        List<MetricSample> samples = new OperatorMetricsScraper(endpoint, reader).scrape(AT);

        assertThat(up(samples).value()).isZero();
        assertThat(up(samples).labels().get(OperatorMetricNames.REASON))
                .isEqualTo("GET " + endpoint + " failed: ConnectException: the connection was refused or closed");
    }

    @Test
    void aNameThatDoesNotResolveSaysSo() {
        // .invalid never resolves (RFC 2606): as the default Service's name where the operator was not installed.
        URI endpoint = URI.create("http://qdrant-hybrid-operator.nowhere.invalid:8285/prometheus");

        List<MetricSample> samples = new OperatorMetricsScraper(endpoint, reader).scrape(AT);

        assertThat(up(samples).labels().get(OperatorMetricNames.REASON))
                .isEqualTo("GET " + endpoint + " failed: ConnectException: the host name does not resolve");
    }

    @Test
    void theDefaultEndpointIsTheServiceDeployInstalls() {
        assertThat(OperatorMetricsScraper.inClusterEndpoint("qdrant"))
                .hasToString("http://qdrant-hybrid-operator.qdrant.svc:8285/prometheus");
    }
}
