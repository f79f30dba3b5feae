package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A change as watchers see it. {@code previous} is the state before the change (null for ADDED), used to
 * tell a watcher with a selector that an object entered or left its view.
 */
record WatchEvent(Type type, StoredObject object, StoredObject previous) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  enum Type { ADDED, MODIFIED, DELETED }

  /**
   * The previous state stamped with this event's resourceVersion: what the real watch cache sends as the
   * DELETED event to a watcher whose selector the object no longer matches.
   */
  String previousAtThisVersion() {
    ObjectNode copy = previous.node().deepCopy();
    ((ObjectNode) copy.get("metadata")).put("resourceVersion", Long.toString(resourceVersion()));
    try {
      return MAPPER.writeValueAsString(copy);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render watch event", e);
    }
  }

  long resourceVersion() {
    return object.resourceVersion();
  }

  static String frame(String type, String objectJson) {
    return "{\"type\":\"" + type + "\",\"object\":" + objectJson + "}";
  }
}
