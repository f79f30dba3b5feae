package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw HTTP writes of {@code Gadget}s (the hand-written conformance CRD in {@code crds/}) in namespace {@code test},
 * and the assertions on the real server's 422 {@code Status} shape the schema conformance tests share.
 */
final class Gadgets {

  static final String GROUP_PATH = "/apis/conformance.example.com/v1/namespaces/test/";

  private final RawHttp http;
  private final String kind;
  private final String collection;

  Gadgets(RawHttp http) {
    this(http, "Gadget", "gadgets");
  }

  /** Writes of another kind of the conformance group, e.g. {@code Gizmo}. */
  Gadgets(RawHttp http, String kind, String plural) {
    this.http = http;
    this.kind = kind;
    this.collection = GROUP_PATH + plural;
  }

  static CustomResourceDefinition gizmoCrd() {
    return crdFromResource("crds/gizmos.conformance.example.com.yaml");
  }

  static CustomResourceDefinition crd() {
    return crdFromResource("crds/gadgets.conformance.example.com.yaml");
  }

  static CustomResourceDefinition crdFromResource(String resource) {
    try (InputStream in = Gadgets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return new KubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A document of this kind with the given spec (JSON object text). */
  String document(String name, String spec) {
    return "{\"apiVersion\":\"conformance.example.com/v1\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\""
        + name + "\"},\"spec\":" + spec + "}";
  }

  RawHttp.Reply create(String name, String spec) {
    return http.send("POST", collection, "application/json", document(name, spec));
  }

  RawHttp.Reply createValid(String name, String spec) {
    RawHttp.Reply reply = create(name, spec);
    assertThat(reply.code()).as("create %s: %s", name, reply.body()).isEqualTo(201);
    return reply;
  }

  RawHttp.Reply get(String name) {
    return http.get(collection + "/" + name);
  }

  RawHttp.Reply put(String name, JsonNode object) {
    return http.send("PUT", collection + "/" + name, "application/json", object.toString());
  }

  RawHttp.Reply patch(String name, String mediaType, String body) {
    return http.send("PATCH", collection + "/" + name, mediaType, body);
  }

  RawHttp.Reply apply(String name, String body) {
    return http.send("PATCH", collection + "/" + name + "?fieldManager=conformance", "application/apply-patch+yaml",
        body);
  }

  RawHttp.Reply patchStatus(String name, String status) {
    return http.send("PATCH", collection + "/" + name + "/status", "application/merge-patch+json",
        "{\"status\":" + status + "}");
  }

  RawHttp.Reply patchScale(String name, int replicas) {
    return http.send("PATCH", collection + "/" + name + "/scale", "application/merge-patch+json",
        "{\"spec\":{\"replicas\":" + replicas + "}}");
  }

  /** The {@code Warning} headers of a reply. */
  static List<String> warnings(RawHttp.Reply reply) {
    return reply.raw().headers().allValues("Warning");
  }

  /**
   * Asserts the real 422 shape: reason Invalid, {@code Gadget.conformance.example.com "<name>" is invalid: <detail>},
   * details naming the object, and exactly the given causes as {@code reason|field|message}.
   */
  static void assertInvalid(RawHttp.Reply reply, String name, String detail, String... causes) {
    assertInvalid("Gadget", reply, name, detail, causes);
  }

  static void assertInvalid(String kind, RawHttp.Reply reply, String name, String detail, String... causes) {
    assertThat(reply.code()).as("status code of %s", reply.body()).isEqualTo(422);
    JsonNode status = reply.body();
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("status").asText()).isEqualTo("Failure");
    assertThat(status.path("reason").asText()).isEqualTo("Invalid");
    assertThat(status.path("message").asText())
        .isEqualTo(kind + ".conformance.example.com \"" + name + "\" is invalid: " + detail);
    assertThat(status.path("details").path("name").asText()).isEqualTo(name);
    assertThat(status.path("details").path("group").asText()).isEqualTo("conformance.example.com");
    assertThat(status.path("details").path("kind").asText()).isEqualTo(kind);
    List<String> actual = new ArrayList<>();
    status.path("details").path("causes").forEach(c -> actual.add(c.path("reason").asText() + "|"
        + c.path("field").asText() + "|" + c.path("message").asText()));
    assertThat(actual).containsExactly(causes);
  }
}
