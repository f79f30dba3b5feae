package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** The autoscaling/v1 Scale an object presents through its scale subresource. */
final class ScaleView {

  private ScaleView() {
  }

  static ResourceType.ScaleSubresource require(ResourceType type) {
    return type.scaleSubresource()
        .orElseThrow(ApiException::pathNotFound);
  }

  static ObjectNode of(ResourceType type, StoredObject object) {
    ResourceType.ScaleSubresource paths = require(type);
    JsonNode source = object.node();
    JsonNode metadata = source.path("metadata");
    ObjectNode scale = JsonNodeFactory.instance.objectNode().put("kind", "Scale").put("apiVersion", "autoscaling/v1");
    ObjectNode scaleMetadata = scale.putObject("metadata");
    for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
      if (metadata.hasNonNull(field)) {
        scaleMetadata.set(field, metadata.get(field));
      }
    }
    scale.putObject("spec").put("replicas", JsonPaths.get(source, paths.specReplicasPath()).asInt(0));
    ObjectNode status = scale.putObject("status")
        .put("replicas", JsonPaths.get(source, paths.statusReplicasPath()).asInt(0));
    if (paths.labelSelectorPath() != null) {
      String selector = selectorString(JsonPaths.get(source, paths.labelSelectorPath()));
      if (!selector.isEmpty()) {
        status.put("selector", selector);
      }
    }
    return scale;
  }

  /** A selector is either already a string (CRDs) or a LabelSelector object (built-in workloads). */
  private static String selectorString(JsonNode selector) {
    if (selector.isTextual()) {
      return selector.asText();
    }
    List<String> terms = new ArrayList<>();
    selector.path("matchLabels").fields().forEachRemaining(e -> terms.add(e.getKey() + "=" + e.getValue().asText()));
    for (JsonNode expression : selector.path("matchExpressions")) {
      String key = expression.path("key").asText();
      List<String> values = new ArrayList<>();
      expression.path("values").forEach(v -> values.add(v.asText()));
      switch (expression.path("operator").asText()) {
        case "In" -> terms.add(key + " in (" + String.join(",", values) + ")");
        case "NotIn" -> terms.add(key + " notin (" + String.join(",", values) + ")");
        case "Exists" -> terms.add(key);
        case "DoesNotExist" -> terms.add("!" + key);
        default -> throw new IllegalStateException("unknown selector operator in " + expression);
      }
    }
    return String.join(",", terms);
  }
}
