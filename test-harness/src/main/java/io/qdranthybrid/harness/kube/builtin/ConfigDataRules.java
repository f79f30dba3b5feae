package io.qdranthybrid.harness.kube.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ConfigMaps and Secrets: a Secret's type defaults to Opaque (pkg/apis/core/v1/defaults.go SetDefaults_Secret);
 * once {@code immutable: true}, neither data nor the flag may change (pkg/apis/core/validation/validation.go
 * ValidateConfigMapUpdate and ValidateSecretUpdate).
 */
public final class ConfigDataRules {

  static final String IMMUTABLE = "Forbidden: field is immutable when `immutable` is set";

  private ConfigDataRules() {
  }

  public static void secretDefaults(ObjectNode secret) {
    PodDefaults.putIfAbsent(secret, "type", "Opaque");
  }

  public static void validateUpdate(String kind, ObjectNode old, ObjectNode updated) {
    if (!old.path("immutable").asBoolean(false)) {
      if (kind.equals("Secret") && !old.path("type").equals(updated.path("type"))) {
        throw new BuiltinRuleViolation("type: Invalid value: \"" + updated.path("type").asText()
            + "\": field is immutable");
      }
      return;
    }
    if (!updated.path("immutable").asBoolean(false)) {
      throw new BuiltinRuleViolation("immutable: " + IMMUTABLE);
    }
    for (String field : new String[] {"data", "binaryData"}) {
      if (!same(old.get(field), updated.get(field))) {
        throw new BuiltinRuleViolation(field + ": " + IMMUTABLE);
      }
    }
  }

  private static boolean same(JsonNode a, JsonNode b) {
    boolean aEmpty = a == null || a.isNull() || a.isEmpty();
    boolean bEmpty = b == null || b.isNull() || b.isEmpty();
    return aEmpty && bEmpty || a != null && a.equals(b);
  }
}
