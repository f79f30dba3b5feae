package io.qdranthybrid.harness.kube.apply;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The list and map semantics of a custom resource, read from its CRD version's {@code openAPIV3Schema}
 * (https://kubernetes.io/docs/reference/using-api/server-side-apply/#merge-strategy): a list is atomic unless
 * {@code x-kubernetes-list-type} says {@code set} or {@code map}; an object is granular unless
 * {@code x-kubernetes-map-type: atomic}. Fields the schema does not describe (preserved unknown fields) merge like
 * untyped JSON: objects granular, lists atomic. {@code metadata} follows ObjectMeta's built-in rules.
 */
public final class SchemaMergeRules implements MergeRules {

  private static final MergeRules METADATA = new BuiltinMergeRules("");

  private final JsonNode schema;

  public SchemaMergeRules(JsonNode openApiV3Schema) {
    this.schema = openApiV3Schema;
  }

  @Override
  public ListType listType(List<String> fields) {
    if (!fields.isEmpty() && fields.get(0).equals("metadata")) {
      return METADATA.listType(fields);
    }
    JsonNode node = find(fields);
    if (node == null) {
      return ListType.ATOMIC;
    }
    return switch (node.path("x-kubernetes-list-type").asText("atomic")) {
      case "set" -> ListType.SET;
      case "map" -> {
        List<String> keys = new java.util.ArrayList<>();
        node.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
        Map<String, JsonNode> defaults = new LinkedHashMap<>();
        JsonNode itemProperties = node.path("items").path("properties");
        for (String key : keys) {
          JsonNode defaultValue = itemProperties.path(key).get("default");
          if (defaultValue != null) {
            defaults.put(key, defaultValue);
          }
        }
        yield ListType.map(keys, defaults);
      }
      default -> ListType.ATOMIC;
    };
  }

  @Override
  public boolean atomicMap(List<String> fields) {
    if (!fields.isEmpty() && fields.get(0).equals("metadata")) {
      return METADATA.atomicMap(fields);
    }
    JsonNode node = find(fields);
    return node != null && "atomic".equals(node.path("x-kubernetes-map-type").asText());
  }

  /** The schema of the value at these field names, descending through list items; null when undescribed. */
  private JsonNode find(List<String> fields) {
    JsonNode node = schema;
    for (String field : fields) {
      node = itemsOf(node);
      if (node == null) {
        return null;
      }
      JsonNode property = node.path("properties").get(field);
      if (property == null) {
        JsonNode additional = node.get("additionalProperties");
        property = additional != null && additional.isObject() ? additional : null;
      }
      node = property;
    }
    return node;
  }

  private static JsonNode itemsOf(JsonNode node) {
    while (node != null && "array".equals(node.path("type").asText())) {
      node = node.get("items");
    }
    return node;
  }
}
