package io.qdranthybrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdranthybrid.crd.ClusterPhase;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantRelease;
import io.qdranthybrid.harness.controlplane.ClusterView;
import io.qdranthybrid.harness.controlplane.InvalidRequestException;
import io.qdranthybrid.harness.controlplane.NewCluster;
import io.qdranthybrid.harness.controlplane.SimulatedReleaseCatalogue;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.harness.timeline.Timeline;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The versions a cluster may run come from the control plane's release catalogue, which reaches the environment as
 * QdrantRelease objects: a version not released, or withdrawn, is refused before anything is created, and an upgrade
 * across minors follows the path the catalogue offers, one minor at a time.
 */
@HybridCloudTest
class ReleaseCatalogueTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void catalogueReachesTheNamespaceAndVersionsItDoesNotOfferAreRefusedWith422(HybridEnvironment env) throws Exception {
        Map<String, QdrantRelease> published = await("QdrantRelease objects in " + env.namespace())
                .atMost(Waits.CONVERGE).pollInterval(Waits.POLL)
                .until(() -> releasesIn(env), releases -> releases.size()
                        == env.controlPlane().releases().catalogue().releases().size());
        assertThat(published.get(SimulatedReleaseCatalogue.DEFAULT_VERSION).getSpec().getDefaultRelease()).isTrue();
        assertThat(published.get(SimulatedReleaseCatalogue.UNAVAILABLE_VERSION).getSpec().getUnavailable()).isTrue();
        assertThat(published.get("v1.11.5").getSpec().getEndOfLife()).isTrue();
        assertThat(published.get("v1.12.3").getSpec().getReleaseNotesURL()).endsWith("/v1.12.3");

        JsonNode catalogue = rest(env, "GET", "releases", null).body();
        assertThat(catalogue.path("items").get(0).path("version").asText()).isEqualTo(SimulatedReleaseCatalogue.UNAVAILABLE_VERSION);
        assertThat(catalogue.path("items").findValuesAsText("version")).contains("v1.12.3", "v1.13.6", "v1.14.1");

        String clusters = "hybrid-cloud-environments/" + env.id() + "/clusters";
        Answer neverReleased = rest(env, "POST", clusters, "{\"id\":\"ghost\",\"nodes\":1,\"version\":\"v9.9.9\"}");
        assertThat(neverReleased.status()).as(neverReleased.body().toString()).isEqualTo(422);
        assertThat(neverReleased.body().path("message").asText())
                .startsWith("v9.9.9 is not a released Qdrant version; available: ")
                .contains(SimulatedReleaseCatalogue.DEFAULT_VERSION + " (default)");

        Answer withdrawn = rest(env, "POST", clusters, "{\"id\":\"ghost\",\"nodes\":1,\"version\":\""
                + SimulatedReleaseCatalogue.UNAVAILABLE_VERSION + "\"}");
        assertThat(withdrawn.status()).as(withdrawn.body().toString()).isEqualTo(422);
        assertThat(withdrawn.body().path("message").asText())
                .startsWith(SimulatedReleaseCatalogue.UNAVAILABLE_VERSION + " is unavailable (withdrawn");

        // Nothing of either request was asked for, so nothing reaches the cluster.
        assertThat(env.controlPlane().clusters().list(env.id())).isEmpty();
        assertThat(env.client().resources(QdrantCluster.class).inNamespace(env.namespace()).list().getItems()).isEmpty();
    }

    @Test
    void upgradeFromV112ToV114GoesThroughTheTwoStepPathAndEndsHealthyOnTheTarget(HybridEnvironment env,
                                                                                Timeline timeline) throws Exception {
        env.createCluster(NewCluster.of("search", 1, "v1.12.3"));
        ClusterView healthy = env.awaitCluster("search", ClusterPhase.HEALTHY, Waits.CONVERGE);
        assertThat(healthy.endOfLife()).isFalse();
        assertThat(healthy.nextUpgrade()).as("the cluster view offers the next step").isEqualTo("v1.13.6");

        JsonNode path = rest(env, "GET", "hybrid-cloud-environments/" + env.id()
                + "/clusters/search/upgrade-path?to=v1.14.1", null).body();
        List<String> steps = path.path("steps").findValuesAsText("version");
        assertThat(steps).containsExactly("v1.13.6", "v1.14.1");
        assertThat(path.path("next").asText()).isEqualTo("v1.13.6");

        // Asking for the target at once is refused with the path to take instead.
        assertThatThrownBy(() -> env.controlPlane().clusters().changeVersion(env.id(), "search", "v1.14.1"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("skips a minor version").hasMessageContaining("v1.13.6, then v1.14.1");

        for (String step : steps) {
            env.controlPlane().clusters().changeVersion(env.id(), "search", step);
            timeline.mark("asked for " + step);
            ClusterView upgraded = env.awaitCluster("search", ClusterPhase.HEALTHY, Waits.CONVERGE);
            assertThat(upgraded.runningVersion()).isEqualTo(step);
        }
        assertThat(QdrantNodes.of(env, "search").version(0)).contains("1.14.1");
        assertThat(env.controlPlane().clusters().get(env.id(), "search").nextUpgrade()).isEqualTo("v1.15.5");
    }

    private static Map<String, QdrantRelease> releasesIn(HybridEnvironment env) {
        return env.client().resources(QdrantRelease.class).inNamespace(env.namespace()).list().getItems().stream()
                .collect(Collectors.toMap(r -> r.getMetadata().getName(), r -> r));
    }

    private record Answer(int status, JsonNode body) {
    }

    /** A call to the control plane's REST API under /api/v1/, as a user's script makes it. */
    private static Answer rest(HybridEnvironment env, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(env.controlPlane().consoleUrl() + "api/v1/" + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }
}
