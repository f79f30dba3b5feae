package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One object as stored: its tree (never mutated once stored; writers copy it), its JSON text (rendered
 * once, reused by every get, list and watch event) and its resourceVersion.
 */
record StoredObject(ObjectNode node, String json, long resourceVersion) {

  String name() {
    return node.path("metadata").path("name").asText();
  }

  String namespace() {
    return node.path("metadata").path("namespace").asText("");
  }
}
