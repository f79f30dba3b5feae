package io.qdranthybrid.harness.kube.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ConfigMaps and Secrets: a Secret's type defaults to Opaque (pkg/apis/core/v1/defaults.go SetDefaults_Secret) and
 * its stringData becomes data;
 * once {@code immutable: true}, neither data nor the flag may change (pkg/apis/core/validation/validation.go
 * ValidateConfigMapUpdate and ValidateSecretUpdate).
 */
public final class ConfigDataRules {

  static final String IMMUTABLE = "Forbidden: field is immutable when `immutable` is set";

  private ConfigDataRules() {
  }

  /**
   * Defaults the type and folds {@code stringData} into base64 {@code data}, which wins on a shared key; the server
   * never stores or returns stringData (pkg/apis/core/v1/conversion.go Convert_v1_Secret_To_core_Secret).
   */
  public static void secretDefaults(ObjectNode secret) {
    PodDefaults.putIfAbsent(secret, "type", "Opaque");
    if (secret.get("stringData") instanceof ObjectNode stringData) {
      ObjectNode data = StatefulSetRules.object(secret, "data");
      stringData.fields().forEachRemaining(e -> data.put(e.getKey(), java.util.Base64.getEncoder()
          .encodeToString(e.getValue().asText().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }
    secret.remove("stringData");
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
