package io.qdranthybrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.timeline.Timeline;
import io.qdranthybrid.platform.usage.OperatorMetrics;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent scrapes the operator's Prometheus endpoint over HTTP with the Qdrant nodes, and the control plane keeps
 * and serves the environment's operator series: reconciles as they happen, the work queue, and, while the operator
 * is down, that its metrics are unreachable and why.
 */
@HybridCloudTest
class OperatorMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static OperatorMetrics latest(HybridEnvironment env) {
        return env.controlPlane().operatorMetrics().metrics(env.id(), "1h").latest();
    }

    @Test
    void theOperatorsReconcilesAndQueueAreServedOverRestAndAStoppedOperatorShowsUnreachableWithWhy(
            HybridEnvironment env, Timeline timeline) throws Exception {
        env.createCluster(NewCluster.of("orders", 1, "v1.12.3"));
        env.awaitCluster("orders", ClusterPhase.HEALTHY, Waits.CONVERGE);

        OperatorMetrics reconciling = await("the operator's reconciles reported").atMost(Waits.PROMPTLY)
                .pollInterval(Waits.POLL).until(() -> latest(env), m -> m != null && m.reconcilesTotal() > 0);
        assertThat(reconciling.reachable()).isTrue();
        // Two reachable points make a rate; a healthy cluster may well reconcile 0 times a minute.
        await("a reconcile rate").atMost(Waits.PROMPTLY).pollInterval(Waits.POLL)
                .until(() -> latest(env).reconcilesPerMinute() != null);

        String served = env.controlPlane().consoleUrl() + "api/v1/hybrid-cloud-environments/" + env.id()
                + "/operator-metrics?window=15m";
        JsonNode view = get(served);
        assertThat(view.path("window").asText()).isEqualTo("PT15M");
        assertThat(view.path("notice").isNull()).as(view.toString()).isTrue();
        assertThat(view.path("latest").path("reconcilesTotal").asDouble()).isGreaterThan(0);
        assertThat(view.path("latest").path("queueDepth").isNumber()).as(view.toString()).isTrue();
        assertThat(view.path("latest").path("activeWorkers").isNumber()).as(view.toString()).isTrue();
        assertThat(view.path("points").size()).isGreaterThanOrEqualTo(2);

        env.stack().stopOperator();
        timeline.mark("operator stopped");
        OperatorMetrics down = await("the operator reported unreachable").atMost(Waits.PROMPTLY)
                .pollInterval(Waits.POLL).until(() -> latest(env), m -> !m.reachable());
        assertThat(down.unreachable()).isEqualTo("GET " + env.stack().operatorMetricsUrl() + " answered 503");
        assertThat(get(served).path("notice").asText())
                .startsWith("operator metrics unreachable: GET " + env.stack().operatorMetricsUrl() + " answered 503");

        env.stack().startOperator();
        timeline.mark("operator started again");
        await("the operator reachable again").atMost(Waits.PROMPTLY).pollInterval(Waits.POLL)
                .until(() -> latest(env).reachable());
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
