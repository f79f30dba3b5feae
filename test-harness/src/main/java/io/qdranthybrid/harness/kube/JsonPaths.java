package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads and writes the simple dotted paths CRD scale subresources use, e.g. {@code .spec.size}. */
final class JsonPaths {

  private JsonPaths() {
  }

  static JsonNode get(JsonNode root, String path) {
    JsonNode node = root;
    for (String part : parts(path)) {
      node = node.path(part);
    }
    return node == null ? MissingNode.getInstance() : node;
  }

  static void set(ObjectNode root, String path, JsonNode value) {
    String[] parts = parts(path);
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
    }
    node.set(parts[parts.length - 1], value);
  }

  private static String[] parts(String path) {
    String trimmed = path.startsWith(".") ? path.substring(1) : path;
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("empty JSON path \"" + path + "\"");
    }
    return trimmed.split("\\.");
  }
}
