package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A watch asked for without a websocket upgrade, as kubectl and client-go's REST watch ask for it, is a chunked HTTP
 * stream of newline-separated JSON events (k8s.io/apiserver/pkg/endpoints/handlers/watch.go; API concepts,
 * "Efficient detection of changes": https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes).
 */
class HttpStreamingWatchTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @RegisterExtension
  final ApiServerFixture api = new ApiServerFixture();

  /** The admin's bearer token: the server authenticates every request, watches too. */
  private static final String ADMIN = "Bearer " + io.qdranthybrid.harness.kube.auth.Authenticator.ADMIN_TOKEN;

  @Test
  void plainHttpWatchStreamsEachEventAsOneJsonLine() throws Exception {
    api.client().resource(new ConfigMapBuilder().withNewMetadata().withName("a").withNamespace("test").endMetadata()
        .build()).create();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.server().url()
        + "/api/v1/namespaces/test/configmaps?watch=true")).header("Authorization", ADMIN).GET().build();

    HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> lines = response.body()) {
      Iterator<String> events = lines.iterator();
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Transfer-Encoding")).contains("chunked");

      JsonNode added = MAPPER.readTree(events.next());
      assertThat(added.path("type").asText()).isEqualTo("ADDED");
      assertThat(added.path("object").path("metadata").path("name").asText()).isEqualTo("a");

      api.client().resource(new ConfigMapBuilder().withNewMetadata().withName("b").withNamespace("test").endMetadata()
          .build()).create();
      JsonNode next = MAPPER.readTree(events.next());
      assertThat(next.path("type").asText()).isEqualTo("ADDED");
      assertThat(next.path("object").path("metadata").path("name").asText()).isEqualTo("b");
    }
  }

  @Test
  void tableWatchSendsTheColumnDefinitionsOnceAndARowPerEvent() throws Exception {
    api.client().resource(new ConfigMapBuilder().withNewMetadata().withName("a").withNamespace("test").endMetadata()
        .build()).create();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.server().url()
            + "/api/v1/namespaces/test/configmaps?watch=true"))
        .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
        .header("Authorization", ADMIN).GET().build();

    HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> lines = response.body()) {
      Iterator<String> events = lines.iterator();
      JsonNode first = MAPPER.readTree(events.next()).path("object");
      assertThat(first.path("kind").asText()).isEqualTo("Table");
      assertThat(first.path("columnDefinitions").findValuesAsText("name")).containsExactly("Name", "Age");
      assertThat(first.path("rows").get(0).path("cells").get(0).asText()).isEqualTo("a");

      api.client().resource(new ConfigMapBuilder().withNewMetadata().withName("b").withNamespace("test").endMetadata()
          .build()).create();
      JsonNode second = MAPPER.readTree(events.next()).path("object");
      assertThat(second.path("columnDefinitions")).isEmpty();
      assertThat(second.path("rows").get(0).path("cells").get(0).asText()).isEqualTo("b");
    }
  }
}
