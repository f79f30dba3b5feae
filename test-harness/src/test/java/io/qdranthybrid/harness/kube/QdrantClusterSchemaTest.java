package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real Qdrant operator's QdrantCluster CRD ({@code qdrant-kubernetes-api}, from {@code /work/shared}) served by
 * the simulated API server refuses, prunes and defaults QdrantClusters exactly as a real cluster with that CRD
 * installed does (k8s.io/apiextensions-apiserver: schema validation, pruning, defaulting).
 */
class QdrantClusterSchemaTest {

  private static final Path REAL_CRD =
      Path.of("/work/shared/qdrant-kubernetes-api-crds/crds_qdrant.io_qdrantclusters.yaml");
  private static final String COLLECTION = "/apis/qdrant.io/v1/namespaces/test/qdrantclusters";

  private SimulatedApiServer server;
  private RawHttp http;

  @BeforeEach
  void start() {
    assumeTrue(Files.isReadable(REAL_CRD), "the real QdrantCluster CRD is not at " + REAL_CRD
        + "; this test needs the qdrant-kubernetes-api CRDs checked out there");
    CustomResourceDefinition crd;
    try (InputStream in = Files.newInputStream(REAL_CRD)) {
      crd = new KubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server = SimulatedApiServer.start(List.of(crd));
    http = new RawHttp(server);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private RawHttp.Reply create(String name, String spec) {
    return http.send("POST", COLLECTION, "application/json", "{\"apiVersion\":\"qdrant.io/v1\",\"kind\":\"QdrantCluster\","
        + "\"metadata\":{\"name\":\"" + name + "\"},\"spec\":" + spec + "}");
  }

  private static void assertInvalid(RawHttp.Reply reply, String name, String detail, String reason, String field) {
    assertThat(reply.code()).as("%s", reply.body()).isEqualTo(422);
    assertThat(reply.body().path("reason").asText()).isEqualTo("Invalid");
    assertThat(reply.body().path("message").asText())
        .isEqualTo("QdrantCluster.qdrant.io \"" + name + "\" is invalid: " + detail);
    JsonNode causes = reply.body().path("details").path("causes");
    assertThat(causes.size()).isEqualTo(1);
    assertThat(causes.get(0).path("reason").asText()).isEqualTo(reason);
    assertThat(causes.get(0).path("field").asText()).isEqualTo(field);
    assertThat(field + ": " + causes.get(0).path("message").asText()).isEqualTo(detail);
  }

  @Test
  void sizeZeroIsRefused() {
    assertInvalid(create("zero", "{\"id\":\"zero\",\"size\":0,\"version\":\"v1.12.3\"}"), "zero",
        "spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1", "FieldValueInvalid",
        "spec.size");
  }

  @Test
  void size101IsRefused() {
    assertInvalid(create("big", "{\"id\":\"big\",\"size\":101,\"version\":\"v1.12.3\"}"), "big",
        "spec.size: Invalid value: 101: spec.size in body should be less than or equal to 100", "FieldValueInvalid",
        "spec.size");
  }

  @Test
  void unknownRebalanceStrategyIsRefused() {
    assertInvalid(create("c", "{\"id\":\"c\",\"size\":1,\"version\":\"v1.12.3\",\"rebalanceStrategy\":\"random\"}"),
        "c", "spec.rebalanceStrategy: Unsupported value: \"random\": supported values: \"by_count\", \"by_size\", "
            + "\"by_count_and_size\", \"disabled\"", "FieldValueNotSupported", "spec.rebalanceStrategy");
  }

  @Test
  void missingIdIsRefused() {
    assertInvalid(create("c", "{\"size\":1,\"version\":\"v1.12.3\"}"), "c", "spec.id: Required value",
        "FieldValueRequired", "spec.id");
  }

  @Test
  void undeclaredFieldIsPrunedWithAWarningAndDefaultsAreInjected() {
    // The real CRD preserves unknown fields directly under spec (x-kubernetes-preserve-unknown-fields), but not in
    // spec.service nor at the top level: those are pruned and reported.
    RawHttp.Reply reply = create("c", "{\"id\":\"c\",\"size\":1,\"version\":\"v1.12.3\",\"sizee\":3,"
        + "\"service\":{\"typ\":\"NodePort\"}}");
    assertThat(reply.code()).as("%s", reply.body()).isEqualTo(201);
    assertThat(Gadgets.warnings(reply)).containsExactly("299 - \"unknown field \\\"spec.service.typ\\\"\"");
    JsonNode spec = http.get(COLLECTION + "/c").body().path("spec");
    assertThat(spec.path("service").has("typ")).isFalse();
    assertThat(spec.path("sizee").asInt()).as("kept under spec, as on a real cluster").isEqualTo(3);
    assertThat(spec.path("servicePerNode").asBoolean()).isTrue();
    assertThat(spec.path("onDemandReplication").asText()).isEqualTo("Off");
    assertThat(spec.path("suspend").isBoolean()).isTrue();
    assertThat(spec.path("service").path("type").asText()).isEqualTo("ClusterIP");
  }

  @Test
  void undeclaredTopLevelFieldIsPrunedWithAWarning() {
    RawHttp.Reply reply = http.send("POST", COLLECTION, "application/json", "{\"apiVersion\":\"qdrant.io/v1\","
        + "\"kind\":\"QdrantCluster\",\"metadata\":{\"name\":\"c\"},\"spec\":{\"id\":\"c\",\"size\":1,"
        + "\"version\":\"v1.12.3\"},\"specc\":{\"size\":3}}");
    assertThat(reply.code()).as("%s", reply.body()).isEqualTo(201);
    assertThat(Gadgets.warnings(reply)).containsExactly("299 - \"unknown field \\\"specc\\\"\"");
    assertThat(http.get(COLLECTION + "/c").body().has("specc")).isFalse();
  }

  @Test
  void scalingToZeroThroughTheScaleSubresourceIsRefused() {
    assertThat(create("c", "{\"id\":\"c\",\"size\":1,\"version\":\"v1.12.3\"}").code()).isEqualTo(201);
    RawHttp.Reply reply = http.send("PATCH", COLLECTION + "/c/scale", "application/merge-patch+json",
        "{\"spec\":{\"replicas\":0}}");
    assertInvalid(reply, "c", "spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1",
        "FieldValueInvalid", "spec.size");
  }
}
