package io.qdranthybrid.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdranthybrid.harness.controlplane.EnvironmentView;
import io.qdranthybrid.harness.junit.HybridCloudTest;
import io.qdranthybrid.harness.stack.HybridEnvironment;
import io.qdranthybrid.protocol.message.PrerequisiteCheck;
import io.qdranthybrid.protocol.message.PrerequisiteVerdict;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent checks its environment's prerequisites when it starts and reports them with the environment status; the
 * control plane's environment view shows them, what failed or warned first, each with what to do. On the simulated
 * cluster the default class (local-path) cannot grow and has no snapshot class of its driver: two warnings a user
 * should see before creating a cluster.
 */
@HybridCloudTest
class PrerequisitesCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theAgentsPrerequisitesShowInTheEnvironmentViewProblemsFirstWithAdvice(HybridEnvironment env) throws Exception {
        EnvironmentView view = await().atMost(Waits.CONVERGE).pollInterval(Waits.POLL)
                .until(env::view, v -> !v.prerequisites().isEmpty());

        Map<String, PrerequisiteCheck> byName = view.prerequisites().stream()
                .collect(Collectors.toMap(PrerequisiteCheck::name, c -> c));
        assertThat(byName).containsOnlyKeys("Kubernetes version", "Default StorageClass",
                "VolumeSnapshotClass (backups)", "Agent RBAC", "Operator RBAC", "CustomResourceDefinitions",
                "Control plane reachable");
        // The agent runs as its ServiceAccount with the shipped Role: every right it uses is there.
        assertThat(byName.get("Agent RBAC").verdict()).isEqualTo(PrerequisiteVerdict.PASS);
        assertThat(byName.get("CustomResourceDefinitions").verdict()).isEqualTo(PrerequisiteVerdict.PASS);
        assertThat(byName.get("Control plane reachable").verdict()).isEqualTo(PrerequisiteVerdict.PASS);
        assertThat(byName.get("Default StorageClass")).satisfies(check -> {
            assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.WARN);
            assertThat(check.found()).isEqualTo("local-path does not allow volume expansion");
            assertThat(check.advice()).startsWith("set allowVolumeExpansion: true on local-path");
        });
        assertThat(byName.get("VolumeSnapshotClass (backups)")).satisfies(check -> {
            assertThat(check.verdict()).isEqualTo(PrerequisiteVerdict.WARN);
            assertThat(check.advice()).isEqualTo("create a VolumeSnapshotClass with driver: rancher.io/local-path");
        });
        assertThat(view.prerequisites()).isSortedAccordingTo(Comparator.comparing(PrerequisiteCheck::verdict))
                .filteredOn(check -> check.verdict() != PrerequisiteVerdict.PASS)
                .isNotEmpty().allSatisfy(check -> assertThat(check.advice()).as(check.name()).isNotBlank());

        // The REST API a user's script reads carries the same, in the same order.
        JsonNode environment = get(env.controlPlane().consoleUrl() + "api/v1/hybrid-cloud-environments/" + env.id());
        List<String> names = JSON.convertValue(environment.path("prerequisites").findValues("name"),
                JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        assertThat(names).containsExactlyElementsOf(view.prerequisites().stream().map(PrerequisiteCheck::name).toList());
        assertThat(environment.path("prerequisites").get(0).path("verdict").asText()).isNotEqualTo("PASS");
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + url + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
