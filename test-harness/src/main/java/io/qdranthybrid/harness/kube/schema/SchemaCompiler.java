package io.qdranthybrid.harness.kube.schema;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Turns an {@code openAPIV3Schema} (as JSON) into a tree of {@link SchemaNode}s, compiling patterns and CEL rules. */
final class SchemaCompiler {

  private SchemaCompiler() {
  }

  static SchemaNode compile(JsonNode schema) {
    SchemaNode node = new SchemaNode();
    if (schema == null || !schema.isObject()) {
      node.preserveUnknownFields = true;
      return node;
    }
    node.type = schema.path("type").asText("");
    node.format = schema.path("format").asText("");
    node.nullable = schema.path("nullable").asBoolean(false);
    node.intOrString = schema.path("x-kubernetes-int-or-string").asBoolean(false);
    node.preserveUnknownFields = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    node.embeddedResource = schema.path("x-kubernetes-embedded-resource").asBoolean(false);
    if (schema.path("enum").isArray()) {
      List<JsonNode> values = new ArrayList<>();
      schema.path("enum").forEach(values::add);
      node.enumValues = List.copyOf(values);
    }
    if (schema.path("required").isArray()) {
      List<String> required = new ArrayList<>();
      schema.path("required").forEach(r -> required.add(r.asText()));
      node.required = List.copyOf(required);
    }
    node.minimum = number(schema, "minimum");
    node.maximum = number(schema, "maximum");
    node.exclusiveMinimum = schema.path("exclusiveMinimum").asBoolean(false);
    node.exclusiveMaximum = schema.path("exclusiveMaximum").asBoolean(false);
    node.multipleOf = number(schema, "multipleOf");
    node.minLength = integer(schema, "minLength");
    node.maxLength = integer(schema, "maxLength");
    node.minItems = integer(schema, "minItems");
    node.maxItems = integer(schema, "maxItems");
    node.minProperties = integer(schema, "minProperties");
    node.maxProperties = integer(schema, "maxProperties");
    if (schema.path("pattern").isTextual()) {
      node.patternSource = schema.path("pattern").asText();
      try {
        node.pattern = Pattern.compile(node.patternSource);
      } catch (PatternSyntaxException e) {
        // The real server refuses such a CRD; here the pattern is left unchecked rather than failing every write.
        node.pattern = null;
      }
    }
    JsonNode properties = schema.path("properties");
    if (properties.isObject()) {
      Map<String, SchemaNode> compiled = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        compiled.put(e.getKey(), compile(e.getValue()));
      }
      node.properties = Collections.unmodifiableMap(compiled);
    }
    JsonNode additional = schema.path("additionalProperties");
    if (additional.isObject()) {
      node.additionalProperties = compile(additional);
    } else if (additional.isBoolean() && additional.asBoolean()) {
      node.additionalPropertiesAny = true;
    }
    if (schema.path("items").isObject()) {
      node.items = compile(schema.path("items"));
    }
    node.listType = schema.path("x-kubernetes-list-type").isTextual()
        ? schema.path("x-kubernetes-list-type").asText() : null;
    if (schema.path("x-kubernetes-list-map-keys").isArray()) {
      List<String> keys = new ArrayList<>();
      schema.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
      node.listMapKeys = List.copyOf(keys);
    }
    if (schema.has("default")) {
      node.defaultValue = schema.get("default").deepCopy();
    }
    if (schema.path("x-kubernetes-validations").isArray()) {
      List<CelRule> rules = new ArrayList<>();
      schema.path("x-kubernetes-validations").forEach(v -> rules.add(CelRules.compile(v)));
      node.rules = List.copyOf(rules);
    }
    // Structural schemas allow these for value validation only (apiextensions-apiserver
    // pkg/apiserver/schema/validation.go): they never prune or default, so only the validator reads them.
    node.allOf = branches(schema.path("allOf"));
    node.anyOf = branches(schema.path("anyOf"));
    node.oneOf = branches(schema.path("oneOf"));
    if (schema.path("not").isObject()) {
      node.not = compile(schema.path("not"));
    }
    node.hasRulesBelow = !node.rules.isEmpty() || children(node).stream().anyMatch(c -> c.hasRulesBelow);
    return node;
  }

  private static List<SchemaNode> branches(JsonNode list) {
    if (!list.isArray()) {
      return List.of();
    }
    List<SchemaNode> compiled = new ArrayList<>();
    list.forEach(branch -> compiled.add(compile(branch)));
    return List.copyOf(compiled);
  }

  private static List<SchemaNode> children(SchemaNode node) {
    List<SchemaNode> children = new ArrayList<>();
    if (node.properties != null) {
      children.addAll(node.properties.values());
    }
    if (node.additionalProperties != null) {
      children.add(node.additionalProperties);
    }
    if (node.items != null) {
      children.add(node.items);
    }
    return children;
  }

  private static Double number(JsonNode schema, String field) {
    JsonNode value = schema.get(field);
    return value != null && value.isNumber() ? value.asDouble() : null;
  }

  private static Long integer(JsonNode schema, String field) {
    JsonNode value = schema.get(field);
    return value != null && value.isNumber() ? value.asLong() : null;
  }
}
