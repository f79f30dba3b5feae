package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * Turns each watch event's object into a one-row Table, for {@code kubectl get -w}; only the first event carries
 * the column definitions, as kube-apiserver's watch encoder does once it has sent the header
 * (k8s.io/apiserver/pkg/endpoints/handlers/watch.go, tableOptions.NoHeaders after the first event).
 */
final class TableWatchFrames implements UnaryOperator<String> {

  /** Makes the transformation for one watch request, from the type its URL names. */
  interface Factory {
    UnaryOperator<String> forRequest(RecordedRequest request);
  }

  private final ObjectMapper mapper;
  private final TableView table;
  private final String includeObject;
  private final AtomicBoolean first = new AtomicBoolean(true);

  TableWatchFrames(ObjectMapper mapper, TableView table, String includeObject) {
    this.mapper = mapper;
    this.table = table;
    this.includeObject = includeObject;
  }

  @Override
  public String apply(String frame) {
    try {
      ObjectNode event = (ObjectNode) mapper.readTree(frame);
      JsonNode object = event.path("object");
      String type = event.path("type").asText();
      if (!object.isObject() || "ERROR".equals(type) || "Status".equals(object.path("kind").asText())) {
        return frame;
      }
      event.set("object", table.table(mapper, List.of(object), object.path("metadata").path("resourceVersion")
          .asText(null), null, first.getAndSet(false), includeObject));
      return event.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read watch frame", e);
    }
  }

  /** The factory for a server's types: non-resource paths and unknown types pass frames through unchanged. */
  static Factory factory(ObjectMapper mapper, ResourceTypes types) {
    return request -> {
      ApiPath path = ApiPath.parse(request.getPath());
      if (!(path instanceof ApiPath.Resource resource)) {
        return UnaryOperator.identity();
      }
      return types.find(resource.group(), resource.version(), resource.plural())
          .<UnaryOperator<String>>map(type -> new TableWatchFrames(mapper, TableView.of(types, type),
              resource.param("includeObject")))
          .orElse(UnaryOperator.identity());
    };
  }
}
