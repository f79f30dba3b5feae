package io.qdranthybrid.harness.kube.auth;

import com.fasterxml.jackson.databind.JsonNode;

/** A {@code metav1.LabelSelector} (matchLabels, matchExpressions) matched against an object's labels. */
final class LabelSelectorMatch {

  private LabelSelectorMatch() {
  }

  static boolean matches(JsonNode selector, JsonNode labels) {
    var fields = selector.path("matchLabels").fields();
    while (fields.hasNext()) {
      var entry = fields.next();
      if (!labels.path(entry.getKey()).asText("\u0000").equals(entry.getValue().asText())) {
        return false;
      }
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      String key = expression.path("key").asText();
      boolean has = labels.has(key);
      String value = labels.path(key).asText();
      boolean inValues = false;
      for (JsonNode v : expression.path("values")) {
        inValues |= v.asText().equals(value);
      }
      boolean ok = switch (expression.path("operator").asText()) {
        case "In" -> has && inValues;
        case "NotIn" -> !has || !inValues;
        case "Exists" -> has;
        case "DoesNotExist" -> !has;
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
