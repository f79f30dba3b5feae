package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP against the simulated server, to check exact status codes, headers and Status bodies. */
final class RawHttp {

  record Reply(int code, JsonNode body, HttpResponse<String> raw) {
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  // HTTP/1.1 like kubectl and fabric8; the JDK default would first try an h2c upgrade.
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;
  /** The bearer token sent, null for none; the cluster admin's by default. */
  private final String token;

  RawHttp(SimulatedApiServer server) {
    this(server.url(), io.qdranthybrid.harness.kube.auth.Authenticator.ADMIN_TOKEN);
  }

  private RawHttp(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /** The same server, authenticating with {@code bearerToken} (null: no Authorization header). */
  RawHttp as(String bearerToken) {
    return new RawHttp(base, bearerToken);
  }

  Reply send(String method, String path, String contentType, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = response.body().isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(response.body());
      return new Reply(response.statusCode(), json, response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Reply get(String path) {
    return send("GET", path, null, null);
  }
}
