package io.qdranthybrid.harness.kube.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Applies {@code default}s of a structural schema, as
 * k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting/algorithm.go does: an absent property with a
 * default gets a copy of it, and so does a {@code null} one unless the property is nullable; a {@code null} in a
 * non-nullable property without a default is dropped (PruneNonNullableNullsWithoutDefaults). Defaults are then
 * walked too, so nested defaults apply inside them.
 */
final class Defaulter {

  private static final Set<String> RESOURCE_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private Defaulter() {
  }

  /** Defaults a whole custom resource in place; returns whether anything changed. */
  static boolean apply(ObjectNode resource, SchemaNode root) {
    return defaultObject(resource, root, true);
  }

  private static boolean apply(JsonNode value, SchemaNode schema) {
    if (schema == null) {
      return false;
    }
    if (value instanceof ObjectNode object) {
      return defaultObject(object, schema, schema.embeddedResource);
    }
    boolean changed = false;
    if (value instanceof ArrayNode array && schema.items != null) {
      for (JsonNode item : array) {
        changed |= apply(item, schema.items);
      }
    }
    return changed;
  }

  private static boolean defaultObject(ObjectNode object, SchemaNode schema, boolean resource) {
    boolean changed = false;
    if (schema.properties != null) {
      for (Map.Entry<String, SchemaNode> property : schema.properties.entrySet()) {
        String name = property.getKey();
        if (resource && RESOURCE_FIELDS.contains(name)) {
          continue;
        }
        SchemaNode propertySchema = property.getValue();
        JsonNode current = object.get(name);
        if (current == null || current.isNull() && !propertySchema.nullable) {
          if (propertySchema.defaultValue != null) {
            object.set(name, propertySchema.defaultValue.deepCopy());
            changed = true;
          } else if (current != null) {
            object.remove(name);
            changed = true;
          }
        }
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (resource && RESOURCE_FIELDS.contains(field.getKey())) {
        continue;
      }
      SchemaNode fieldSchema = schema.property(field.getKey());
      if (fieldSchema == null) {
        fieldSchema = schema.additionalProperties;
        if (fieldSchema != null && field.getValue().isNull() && !fieldSchema.nullable) {
          if (fieldSchema.defaultValue == null) {
            it.remove();
          } else {
            field.setValue(fieldSchema.defaultValue.deepCopy());
          }
          changed = true;
          continue;
        }
      }
      changed |= apply(field.getValue(), fieldSchema);
    }
    return changed;
  }
}
