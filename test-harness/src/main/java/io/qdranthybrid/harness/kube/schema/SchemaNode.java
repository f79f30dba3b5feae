package io.qdranthybrid.harness.kube.schema;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One node of a compiled structural schema (an {@code openAPIV3Schema} of a CRD version), with its pattern and
 * CEL rules compiled once. Immutable; built by {@link SchemaCompiler}. Field names follow the CRD's
 * {@code JSONSchemaProps}.
 */
final class SchemaNode {

  String type = "";
  String format = "";
  boolean nullable;
  boolean intOrString;
  boolean preserveUnknownFields;
  boolean embeddedResource;
  List<JsonNode> enumValues;
  List<String> required = List.of();
  Double minimum;
  Double maximum;
  boolean exclusiveMinimum;
  boolean exclusiveMaximum;
  Double multipleOf;
  Long minLength;
  Long maxLength;
  Long minItems;
  Long maxItems;
  Long minProperties;
  Long maxProperties;
  String patternSource;
  Pattern pattern;
  /** Declared properties in declaration order; null when the schema declares none. */
  Map<String, SchemaNode> properties;
  /** The schema of map values ({@code additionalProperties: {...}}); null when absent. */
  SchemaNode additionalProperties;
  /** {@code additionalProperties: true}: any value for any key, unpruned. */
  boolean additionalPropertiesAny;
  SchemaNode items;
  String listType;
  List<String> listMapKeys = List.of();
  JsonNode defaultValue;
  List<CelRule> rules = List.of();
  /** Value validations combined with this node's ({@code allOf}, {@code anyOf}, {@code oneOf}, {@code not}). */
  List<SchemaNode> allOf = List.of();
  List<SchemaNode> anyOf = List.of();
  List<SchemaNode> oneOf = List.of();
  SchemaNode not;

  /** Whether some node at or below this one has CEL rules, so walks can skip rule-free subtrees. */
  boolean hasRulesBelow;

  /** The type name in the real server's messages: {@code integer,string} for int-or-string. */
  String typeName() {
    return intOrString ? "integer,string" : type;
  }

  boolean hasCombinators() {
    return !allOf.isEmpty() || !anyOf.isEmpty() || !oneOf.isEmpty() || not != null;
  }

  SchemaNode property(String name) {
    return properties == null ? null : properties.get(name);
  }
}
