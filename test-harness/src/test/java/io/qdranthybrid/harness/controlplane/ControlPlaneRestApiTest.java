package io.qdranthybrid.harness.controlplane;

import io.qdranthybrid.harness.controlplane.RestCalls.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;

import static io.qdranthybrid.harness.controlplane.RestCalls.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The REST API and event stream over real HTTP, with the JDK's client; no agent is needed for what they answer. */
class ControlPlaneRestApiTest {

    private final RestCalls rest = new RestCalls();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private SimulatedControlPlane controlPlane;
    private String environments;

    @BeforeEach
    void start() {
        controlPlane = SimulatedControlPlane.start(ControlPlaneSettings.fast());
        environments = controlPlane.consoleUrl() + "api/v1/hybrid-cloud-environments";
    }

    @AfterEach
    void stop() {
        controlPlane.close();
    }

    @Test
    void environmentsAreCreatedListedUpdatedBootstrappedAndDeleted() throws Exception {
        Answer created = call("POST", environments, "{\"name\":\"prod-eu\",\"namespace\":\"qdrant\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("id").asText();
        assertThat(created.body().path("phase").asText()).isEqualTo("UNKNOWN");
        assertThat(created.body().path("connected").asBoolean()).isFalse();

        Answer listed = call("GET", environments, null);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().path("items")).hasSize(1);
        assertThat(listed.body().path("items").get(0).path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        Answer renamed = call("PATCH", environments + "/" + id, "{\"name\":\"prod-eu-1\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.body().path("name").asText()).isEqualTo("prod-eu-1");

        Answer bootstrap = call("POST", environments + "/" + id + "/bootstrap-commands", null);
        assertThat(bootstrap.status()).isEqualTo(200);
        assertThat(bootstrap.body().path("commands").toString()).contains("--namespace qdrant")
                .contains(controlPlane.agentUrl().toString());
        assertThat(call("PATCH", environments + "/" + id, "{\"namespace\":\"elsewhere\"}").status())
                .as("the namespace is locked once bootstrapped").isEqualTo(409);

        assertThat(call("DELETE", environments + "/" + id, null).status()).isEqualTo(204);
        Answer gone = call("GET", environments + "/" + id, null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body().path("message").asText()).contains(id);
    }

    @Test
    void clustersAreCreatedChangedAndDeleted() throws Exception {
        String clusters = environments + "/" + createEnvironment() + "/clusters";
        Answer created = call("POST", clusters, "{\"id\":\"orders\",\"nodes\":3,\"version\":\"v1.12.3\",\"memory\":\"2Gi\","
                + "\"config\":{\"log_level\":\"DEBUG\"}}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("nodes").asInt()).isEqualTo(3);
        assertThat(created.body().path("memory").asText()).isEqualTo("2Gi");
        assertThat(created.body().path("cpu").asText()).isEqualTo(NewCluster.DEFAULT_CPU);

        assertThat(call("POST", clusters + "/orders/scale", "{\"nodes\":\"5\"}").body().path("nodes").asInt()).isEqualTo(5);
        assertThat(call("POST", clusters + "/orders/version", "{\"version\":\"v1.13.1\"}").body().path("version").asText())
                .isEqualTo("v1.13.1");
        assertThat(call("POST", clusters + "/orders/resources", "{\"storage\":\"20Gi\"}").body().path("storage").asText())
                .isEqualTo("20Gi");
        assertThat(call("POST", clusters + "/orders/restart", null).body().path("restartedAt").asText()).isNotEmpty();
        assertThat(call("POST", clusters + "/orders/suspend", null).body().path("suspended").asBoolean()).isTrue();
        assertThat(call("POST", clusters + "/orders/resume", null).body().path("suspended").asBoolean()).isFalse();
        assertThat(call("POST", clusters + "/orders/config", "{\"config\":{\"log_level\":\"INFO\"}}").status()).isEqualTo(200);
        assertThat(controlPlane.clusters().desired(controlPlane.environments().list().get(0).id(), "orders")
                .getSpec().getConfig().getLogLevel()).isEqualTo("INFO");

        assertThat(call("GET", clusters, null).body().path("items")).hasSize(1);
        assertThat(call("DELETE", clusters + "/orders", null).status()).isEqualTo(204);
        assertThat(call("GET", clusters + "/orders", null).status()).isEqualTo(404);
    }

    @Test
    void badRequestsGetAStatusAndAMessage() throws Exception {
        String environment = environments + "/" + createEnvironment();
        String clusters = environment + "/clusters";
        call("POST", clusters, "{\"id\":\"orders\",\"nodes\":3,\"version\":\"v1.12.3\"}");

        assertError(call("POST", clusters, "{\"id\":\"big\",\"nodes\":101,\"version\":\"v1.12.3\"}"), 400,
                "size 101 is above the maximum 100");
        assertError(call("POST", clusters, "{\"id\":\"old\",\"nodes\":1,\"version\":\"1.12\"}"), 400, "vX.Y.Z");
        assertError(call("POST", clusters, "{\"id\":\"x\",\"version\":\"v1.12.3\"}"), 400, "field 'nodes' is required");
        assertError(call("POST", clusters, "{\"id\":\"x\",\"nodes\":\"many\",\"version\":\"v1.12.3\"}"), 400,
                "field 'nodes' must be an integer");
        assertError(call("POST", clusters, "{not json"), 400, "not valid JSON");
        assertError(call("POST", clusters, "{\"id\":\"orders\",\"nodes\":3,\"version\":\"v1.12.3\"}"), 409,
                "already has a cluster orders");
        assertError(call("POST", clusters + "/orders/scale", "{\"nodes\":0}"), 400, "size 0 is below the minimum 1");
        assertError(call("POST", clusters + "/missing/scale", "{\"nodes\":2}"), 404, "no cluster missing");
        assertError(call("GET", environments + "/missing/clusters", null), 404, "no hybrid cloud environment with id missing");
        assertError(call("POST", environment + "/backup-schedules",
                "{\"clusterId\":\"orders\",\"schedule\":\"sometimes\",\"retentionHours\":24}"), 400, "schedule 'sometimes'");
        assertError(call("DELETE", environment, null), 409, "delete them first");
        assertError(call("PUT", clusters + "/orders", "{}"), 405, "use GET, DELETE");
        assertError(call("GET", controlPlane.consoleUrl() + "api/v1/nothing", null), 404, "no such resource");
    }

    /** Issue 16: a refusal names the request's own fields and ids, never the QdrantCluster's paths and object names. */
    @Test
    void everyRefusalSpeaksTheRequestsOwnFieldsAndIds() throws Exception {
        String environment = environments + "/" + createEnvironment();
        String clusters = environment + "/clusters";
        call("POST", clusters, "{\"id\":\"x1\",\"nodes\":1,\"version\":\"v1.12.3\",\"storage\":\"20Gi\"}");
        call("POST", clusters, "{\"id\":\"x2\",\"nodes\":1,\"version\":\"v1.12.3\"}");
        String backupOfX2 = call("POST", environment + "/backups", "{\"clusterId\":\"x2\"}").body().path("name").asText();

        assertError(call("POST", clusters, "{\"id\":\"big\",\"nodes\":101,\"version\":\"v1.12.3\"}"), 400,
                "nodes: size 101 is above the maximum 100");
        assertError(call("POST", clusters, "{\"id\":\"Bad_Id\",\"nodes\":1,\"version\":\"v1.12.3\"}"), 400, "id: ");
        assertError(call("POST", clusters, "{\"id\":\"v\",\"nodes\":1,\"version\":\"1.12\"}"), 400, "version: ");
        assertError(call("POST", clusters, "{\"id\":\"c\",\"nodes\":1,\"version\":\"v1.12.3\",\"config\":[1]}"),
                400, "config must be a JSON object");
        assertError(call("POST", clusters + "/x1/scale", "{\"nodes\":0}"), 400, "nodes: size 0 is below the minimum 1");
        assertError(call("POST", clusters + "/x1/resources", "{\"storage\":\"10Gi\"}"), 400, "storage: cannot shrink");
        assertError(call("POST", clusters + "/x1/version", "{\"version\":\"v1.10.0\"}"), 400, "version: downgrading");
        assertError(call("POST", clusters + "/x1/resources", "{\"cpu\":\"lots\"}"), 400, "cpu");
        assertError(call("POST", clusters + "/x1/config", "{\"config\":\"DEBUG\"}"), 400, "config must be a JSON object");
        assertError(call("POST", environment + "/restores", "{\"backupName\":\"" + backupOfX2
                + "\",\"clusterId\":\"x1\"}"), 400, "restore it into x2, or into a new cluster");
        assertError(call("POST", environment + "/restores", "{\"backupName\":\"" + backupOfX2
                + "\",\"clusterId\":\"x1\",\"newCluster\":true}"), 409, "cluster x1 already exists");
        assertError(call("POST", environment + "/restores", "{\"backupName\":\"" + backupOfX2
                + "\",\"clusterId\":\"x9\"}"), 404, "no cluster x9");
        assertError(call("POST", environment + "/restores", "{\"backupName\":\"" + backupOfX2
                + "\",\"clusterId\":\"Not_Valid\",\"newCluster\":true}"), 400, "id: ");
        assertError(call("POST", environment + "/backups", "{\"clusterId\":\"x1\",\"retentionHours\":0}"), 400,
                "retention must be at least 1 hour");
        assertError(call("POST", environment + "/backup-schedules",
                "{\"clusterId\":\"x1\",\"schedule\":\"@midnight\",\"retentionHours\":24}"), 400, "schedule '@midnight'");
        assertError(call("GET", environment + "/backups/none", null), 404, "no backup none");
        assertError(call("DELETE", environment + "/backup-schedules/none", null), 404, "no backup schedule none");
    }

    @Test
    void backupsSchedulesAndRestoresAreRequested() throws Exception {
        String environment = environments + "/" + createEnvironment();
        call("POST", environment + "/clusters", "{\"id\":\"orders\",\"nodes\":1,\"version\":\"v1.12.3\"}");

        Answer backup = call("POST", environment + "/backups", "{\"clusterId\":\"orders\",\"retentionHours\":48}");
        assertThat(backup.status()).isEqualTo(201);
        String backupName = backup.body().path("name").asText();
        assertThat(backup.body().path("retention").asText()).isEqualTo("48h");
        assertThat(call("GET", environment + "/backups/" + backupName, null).body().path("clusterId").asText())
                .isEqualTo("orders");

        Answer schedule = call("POST", environment + "/backup-schedules",
                "{\"clusterId\":\"orders\",\"schedule\":\"@daily\",\"retentionHours\":24}");
        assertThat(schedule.status()).isEqualTo(201);
        assertThat(call("GET", environment + "/backup-schedules", null).body().path("items")).hasSize(1);

        Answer restore = call("POST", environment + "/restores",
                "{\"backupName\":\"" + backupName + "\",\"clusterId\":\"orders-copy\",\"newCluster\":true}");
        assertThat(restore.status()).isEqualTo(201);
        assertThat(restore.body().path("destinationClusterId").asText()).isEqualTo("orders-copy");
        assertThat(restore.body().path("intoNewCluster").asBoolean()).isTrue();

        assertThat(call("DELETE", environment + "/backup-schedules/" + schedule.body().path("name").asText(), null)
                .status()).isEqualTo(204);
        assertThat(call("DELETE", environment + "/backups/" + backupName, null).status()).isEqualTo(204);
        assertThat(call("GET", environment + "/backups", null).body().path("items")).isEmpty();
    }

    /** Issue 16: bootstrap commands meant for another machine name the advertised agent URL, not 127.0.0.1. */
    @Test
    void bootstrapCommandsNameTheAdvertisedAgentUrl() {
        try (SimulatedControlPlane advertised = SimulatedControlPlane.start(ControlPlaneSettings.fast()
                .withAdvertisedAgentUrl(URI.create("ws://my-laptop.example:8080")))) {
            String list = advertised.consoleUrl() + "api/v1/hybrid-cloud-environments";
            String id = call("POST", list, "{\"name\":\"away\",\"namespace\":\"qdrant\"}").body().path("id").asText();

            Answer bootstrap = call("POST", list + "/" + id + "/bootstrap-commands", null);

            assertThat(bootstrap.body().path("commands").toString()).contains("ws://my-laptop.example:8080/agent")
                    .doesNotContain("127.0.0.1");
            assertThat(advertised.agentUrl().getHost()).as("in-process agents still dial loopback").isEqualTo("127.0.0.1");
        }
    }

    @Test
    void eventStreamDeliversChangesAsServerSentEvents() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(controlPlane.consoleUrl() + "api/v1/events"))
                .header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        HttpResponse<java.util.stream.Stream<String>> response = stream.get();
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        Thread reader = new Thread(() -> response.body().forEach(lines::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();

        String id = createEnvironment();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines)
                .anySatisfy(line -> assertThat(line).startsWith("data: ").contains("ENVIRONMENT_CREATED").contains(id)));
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("id: \\d+"));
    }

    @Test
    void consoleIsServedAtTheRoot() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(controlPlane.consoleUrl()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script src=\"/console.js\">");
        HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create(controlPlane.consoleUrl() + "console.js"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("EventSource");
    }

    @Test
    void operatorMetricsSayNothingWasReportedYetAndRefuseAnUnknownEnvironmentOrAWindowBeyondAnHour() throws Exception {
        String id = createEnvironment();

        Answer none = call("GET", environments + "/" + id + "/operator-metrics?window=15m", null);
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.body().path("window").asText()).isEqualTo("PT15M");
        assertThat(none.body().path("points")).isEmpty();
        assertThat(none.body().path("notice").asText()).startsWith("no operator metrics reported yet");

        assertError(call("GET", environments + "/" + id + "/operator-metrics?window=2h", null), 400, "at most 1h");
        assertError(call("GET", environments + "/nowhere/operator-metrics", null), 404, "nowhere");
        assertThat(call("POST", environments + "/" + id + "/operator-metrics", "{}").status()).isEqualTo(405);
    }

    private String createEnvironment() throws Exception {
        return call("POST", environments, "{\"name\":\"rest\",\"namespace\":\"qdrant\"}").body().path("id").asText();
    }

    private Answer call(String method, String url, String body) {
        return rest.call(method, url, body);
    }
}
