package io.qdranthybrid.harness.kube.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a custom resource against its structural schema in one walk, producing the errors the real server
 * produces and in its order: first the OpenAPI value validations (k8s.io/kube-openapi/pkg/validation/validate,
 * mapped to field errors by {@code kubeOpenAPIResultToFieldErrors} in
 * k8s.io/apiextensions-apiserver/pkg/apiserver/validation/validation.go), then list-type uniqueness
 * (apiextensions-apiserver/pkg/apiserver/schema/listtype/validation.go), then CEL rules
 * (apiextensions-apiserver/pkg/apiserver/schema/cel/validation.go). Messages use kube-openapi's texts
 * (pkg/validation/errors/schema.go) with {@code in body}.
 */
final class SchemaValidator {

  private static final String IN = " in body ";
  private static final Set<String> RESOURCE_FIELDS = Set.of("apiVersion", "kind", "metadata");
  private static final Set<FieldError.Type> BLOCKING = Set.of(FieldError.Type.NOT_SUPPORTED, FieldError.Type.REQUIRED,
      FieldError.Type.TOO_LONG, FieldError.Type.TOO_MANY, FieldError.Type.TYPE_INVALID);

  private final List<FieldError> schemaErrors = new ArrayList<>();
  private final List<FieldError> listErrors = new ArrayList<>();
  private final List<FieldError> ruleErrors = new ArrayList<>();

  private SchemaValidator() {
  }

  /** All violations of the resource; {@code old} is the stored object on updates (null on create). */
  static List<FieldError> validate(ObjectNode resource, ObjectNode old, SchemaNode root) {
    SchemaValidator validator = new SchemaValidator();
    validator.walkObject(resource, root, "", old, true);
    List<FieldError> all = new ArrayList<>(validator.schemaErrors);
    all.addAll(validator.listErrors);
    if (root.hasRulesBelow) {
      // hasBlockingErr in apiextensions-apiserver/pkg/registry/customresource/strategy.go: rules do not run on an
      // object whose shape is already wrong; one error says so instead.
      if (all.stream().anyMatch(e -> BLOCKING.contains(e.type()))) {
        all.add(new FieldError(FieldError.Type.INVALID, "<nil>", "null", "some validation rules were not checked "
            + "because the object was invalid; correct the existing errors to complete validation"));
      } else {
        validator.rules(resource, root, "", old);
        all.addAll(validator.ruleErrors);
      }
    }
    return all;
  }

  private void walk(JsonNode value, SchemaNode schema, String path, JsonNode old) {
    if (value.isNull()) {
      if (!schema.nullable && (!schema.type.isEmpty() || schema.intOrString)) {
        schemaErrors.add(typeError(path, schema.typeName(), "null"));
      }
      return;
    }
    String actual = typeOf(value);
    if (!typeMatches(schema, value)) {
      schemaErrors.add(typeError(path, schema.typeName(), actual));
      return;
    }
    if (schema.hasCombinators()) {
      combinators(value, schema, path);
    }
    if (value.isTextual()) {
      string(value, schema, path);
    } else if (value.isNumber()) {
      number(value, schema, path);
    }
    if (schema.enumValues != null && schema.enumValues.stream().noneMatch(e -> sameValue(e, value))) {
      List<String> allowed = new ArrayList<>();
      schema.enumValues.forEach(e -> allowed.add(e.isTextual() ? e.asText() : e.toString()));
      StringBuilder detail = new StringBuilder("supported values: ");
      for (int i = 0; i < allowed.size(); i++) {
        detail.append(i > 0 ? ", " : "").append(GoValues.quote(allowed.get(i)));
      }
      schemaErrors.add(new FieldError(FieldError.Type.NOT_SUPPORTED, path, value,
          allowed.isEmpty() ? "" : detail.toString()));
    }
    if (value instanceof ArrayNode array) {
      array(array, schema, path, old);
    } else if (value instanceof ObjectNode object) {
      walkObject(object, schema, path, old, false);
    }
  }

  /**
   * {@code anyOf}, {@code oneOf}, {@code allOf} and {@code not}, in that order and with the texts of kube-openapi's
   * schemaPropsValidator (k8s.io/kube-openapi/pkg/validation/validate/schema_props.go, schema_messages.go). Their
   * own errors are not field errors, so apiextensions-apiserver reports them at the {@code <nil>} path with value
   * {@code ""} (kubeOpenAPIResultToFieldErrors); a failed anyOf or oneOf adds the errors of its closest branch, a
   * failed allOf those of every branch. kube-openapi picks the closest branch by its count of passed checks; here
   * it is the one with the fewest errors.
   */
  private void combinators(JsonNode value, SchemaNode schema, String path) {
    String quoted = GoValues.quote(path);
    if (!schema.anyOf.isEmpty()) {
      List<FieldError> closest = closestFailure(value, schema.anyOf, path);
      if (closest != null) {
        schemaErrors.add(composite(quoted + " must validate at least one schema (anyOf)"));
        schemaErrors.addAll(closest);
      }
    }
    if (!schema.oneOf.isEmpty()) {
      int validated = 0;
      List<FieldError> closest = null;
      for (SchemaNode branch : schema.oneOf) {
        List<FieldError> errors = branchErrors(value, branch, path);
        if (errors.isEmpty()) {
          validated++;
        } else if (closest == null || errors.size() < closest.size()) {
          closest = errors;
        }
      }
      if (validated != 1) {
        schemaErrors.add(composite(quoted + " must validate one and only one schema (oneOf). "
            + (validated == 0 ? "Found none valid" : "Found " + validated + " valid alternatives")));
        if (validated == 0) {
          schemaErrors.addAll(closest);
        }
      }
    }
    if (!schema.allOf.isEmpty()) {
      int validated = 0;
      for (SchemaNode branch : schema.allOf) {
        List<FieldError> errors = branchErrors(value, branch, path);
        validated += errors.isEmpty() ? 1 : 0;
        schemaErrors.addAll(errors);
      }
      if (validated != schema.allOf.size()) {
        schemaErrors.add(composite(quoted + " must validate all the schemas (allOf)"
            + (validated == 0 ? ". None validated" : "")));
      }
    }
    if (schema.not != null && branchErrors(value, schema.not, path).isEmpty()) {
      schemaErrors.add(composite(quoted + " must not validate the schema (not)"));
    }
  }

  /** The errors of the branch closest to matching, or null when one branch matches. */
  private static List<FieldError> closestFailure(JsonNode value, List<SchemaNode> branches, String path) {
    List<FieldError> closest = null;
    for (SchemaNode branch : branches) {
      List<FieldError> errors = branchErrors(value, branch, path);
      if (errors.isEmpty()) {
        return null;
      }
      if (closest == null || errors.size() < closest.size()) {
        closest = errors;
      }
    }
    return closest;
  }

  private static List<FieldError> branchErrors(JsonNode value, SchemaNode branch, String path) {
    SchemaValidator branchValidator = new SchemaValidator();
    branchValidator.walk(value, branch, path, null);
    List<FieldError> errors = new ArrayList<>(branchValidator.schemaErrors);
    errors.addAll(branchValidator.listErrors);
    return errors;
  }

  private static FieldError composite(String message) {
    return FieldError.invalid("<nil>", "", message);
  }

  private void string(JsonNode value, SchemaNode schema, String path) {
    String s = value.asText();
    int length = s.codePointCount(0, s.length());
    if (schema.maxLength != null && length > schema.maxLength) {
      schemaErrors.add(new FieldError(FieldError.Type.TOO_LONG, path, value,
          "may not be longer than " + schema.maxLength));
    }
    if (schema.minLength != null && length < schema.minLength) {
      schemaErrors.add(FieldError.invalid(path, value, path + IN + "should be at least " + schema.minLength
          + " chars long"));
    }
    if (schema.pattern != null && !schema.pattern.matcher(s).find()) {
      schemaErrors.add(FieldError.invalid(path, value, path + IN + "should match '" + schema.patternSource + "'"));
    }
    if (!schema.format.isEmpty() && !Formats.valid(schema.format, s)) {
      schemaErrors.add(new FieldError(FieldError.Type.TYPE_INVALID, path, value,
          path + IN + "must be of type " + schema.format + ": " + GoValues.quote(s)));
    }
  }

  private void number(JsonNode value, SchemaNode schema, String path) {
    boolean integral = value.isIntegralNumber();
    double v = value.asDouble();
    if (schema.multipleOf != null && schema.multipleOf != 0) {
      BigDecimal remainder = value.decimalValue().remainder(BigDecimal.valueOf(schema.multipleOf));
      if (remainder.signum() != 0) {
        schemaErrors.add(FieldError.invalid(path, value, path + IN + "should be a multiple of "
            + bound(schema.multipleOf, integral)));
      }
    }
    if (schema.maximum != null && (schema.exclusiveMaximum ? v >= schema.maximum : v > schema.maximum)) {
      schemaErrors.add(FieldError.invalid(path, value, path + IN + "should be less than "
          + (schema.exclusiveMaximum ? "" : "or equal to ") + bound(schema.maximum, integral)));
    }
    if (schema.minimum != null && (schema.exclusiveMinimum ? v <= schema.minimum : v < schema.minimum)) {
      schemaErrors.add(FieldError.invalid(path, value, path + IN + "should be greater than "
          + (schema.exclusiveMinimum ? "" : "or equal to ") + bound(schema.minimum, integral)));
    }
  }

  /** kube-openapi compares an integer against {@code int64(bound)}, a float against the float bound. */
  private static String bound(double bound, boolean integral) {
    return integral ? Long.toString((long) bound) : GoValues.formatFloat(bound);
  }

  private void array(ArrayNode array, SchemaNode schema, String path, JsonNode old) {
    if (schema.maxItems != null && array.size() > schema.maxItems) {
      schemaErrors.add(new FieldError(FieldError.Type.TOO_MANY, path, (long) array.size(),
          "must have at most " + schema.maxItems + " items"));
    }
    if (schema.minItems != null && array.size() < schema.minItems) {
      schemaErrors.add(FieldError.invalid(path, array, path + IN + "should have at least " + schema.minItems
          + " items"));
    }
    if (schema.items != null) {
      for (int i = 0; i < array.size(); i++) {
        walk(array.get(i), schema.items, path + "[" + i + "]", null);
      }
    }
    if ("set".equals(schema.listType)) {
      List<JsonNode> seen = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        JsonNode item = array.get(i);
        if (seen.stream().anyMatch(s -> sameValue(s, item))) {
          listErrors.add(new FieldError(FieldError.Type.DUPLICATE, path + "[" + i + "]", item, ""));
        } else {
          seen.add(item);
        }
      }
    } else if ("map".equals(schema.listType) && !schema.listMapKeys.isEmpty()) {
      Set<Map<String, JsonNode>> seen = new java.util.HashSet<>();
      for (int i = 0; i < array.size(); i++) {
        Map<String, JsonNode> key = mapKey(array.get(i), schema);
        if (key != null && !seen.add(key)) {
          Map<String, Object> printed = new java.util.TreeMap<>();
          key.forEach((k, v) -> printed.put(k, v == null ? null : GoValues.Raw.of(v)));
          listErrors.add(new FieldError(FieldError.Type.DUPLICATE, path + "[" + i + "]", printed, ""));
        }
      }
    }
  }

  /** The key fields of a list-map item, a missing key taking its default as the real server does. */
  static Map<String, JsonNode> mapKey(JsonNode item, SchemaNode list) {
    if (!item.isObject()) {
      return null;
    }
    Map<String, JsonNode> key = new LinkedHashMap<>();
    for (String field : list.listMapKeys) {
      JsonNode value = item.get(field);
      if (value == null && list.items != null && list.items.property(field) != null) {
        value = list.items.property(field).defaultValue;
      }
      key.put(field, value);
    }
    return key;
  }

  private void walkObject(ObjectNode object, SchemaNode schema, String path, JsonNode old, boolean resource) {
    int size = object.size();
    if (schema.maxProperties != null && size > schema.maxProperties) {
      schemaErrors.add(new FieldError(FieldError.Type.TOO_MANY, path, (long) size,
          "must have at most " + schema.maxProperties + " items"));
    }
    if (schema.minProperties != null && size < schema.minProperties) {
      schemaErrors.add(FieldError.invalid(path, object, path + IN + "should have at least " + schema.minProperties
          + " properties"));
    }
    for (String required : schema.required) {
      if (!object.has(required) && !(resource && RESOURCE_FIELDS.contains(required))) {
        schemaErrors.add(FieldError.required(Pruner.child(path, required), ""));
      }
    }
    if (schema.embeddedResource) {
      for (String field : new String[] {"apiVersion", "kind"}) {
        if (object.path(field).asText("").isEmpty()) {
          schemaErrors.add(FieldError.required(Pruner.child(path, field), "must not be empty"));
        }
      }
    }
    for (var it = object.fields(); it.hasNext(); ) {
      var field = it.next();
      if (resource && RESOURCE_FIELDS.contains(field.getKey())) {
        continue;
      }
      SchemaNode fieldSchema = schema.property(field.getKey());
      if (fieldSchema == null) {
        fieldSchema = schema.additionalProperties;
      }
      if (fieldSchema != null) {
        walk(field.getValue(), fieldSchema, Pruner.child(path, field.getKey()),
            old == null ? null : old.get(field.getKey()));
      }
    }
  }

  /** Evaluates the CEL rules at and below this node, correlating old values where the real server does. */
  private void rules(JsonNode value, SchemaNode schema, String path, JsonNode old) {
    if (schema == null || !schema.hasRulesBelow || value == null || value.isNull()) {
      return;
    }
    if (!schema.rules.isEmpty()) {
      Object self = CelRules.value(value);
      Object oldSelf = old == null || old.isNull() ? null : CelRules.value(old);
      for (CelRule rule : schema.rules) {
        if (rule.transition() && oldSelf == null) {
          continue;
        }
        String failure = CelRules.failure(rule, self, oldSelf);
        if (failure != null) {
          ruleErrors.add(ruleError(rule, path, schema, failure));
        }
      }
    }
    if (value instanceof ObjectNode object) {
      for (var it = object.fields(); it.hasNext(); ) {
        var field = it.next();
        SchemaNode fieldSchema = schema.property(field.getKey());
        if (fieldSchema == null) {
          fieldSchema = schema.additionalProperties;
        }
        rules(field.getValue(), fieldSchema, Pruner.child(path, field.getKey()),
            old == null ? null : old.get(field.getKey()));
      }
    } else if (value instanceof ArrayNode array && schema.items != null) {
      Map<Map<String, JsonNode>, JsonNode> oldByKey = oldItemsByKey(schema, old);
      for (int i = 0; i < array.size(); i++) {
        JsonNode item = array.get(i);
        JsonNode oldItem = oldByKey == null ? null : oldByKey.get(mapKey(item, schema));
        rules(item, schema.items, path + "[" + i + "]", oldItem);
      }
    }
  }

  /** Old items of a list-map by key: the only lists whose items the real server correlates for oldSelf. */
  private static Map<Map<String, JsonNode>, JsonNode> oldItemsByKey(SchemaNode schema, JsonNode old) {
    if (!"map".equals(schema.listType) || schema.listMapKeys.isEmpty() || old == null || !old.isArray()) {
      return null;
    }
    Map<Map<String, JsonNode>, JsonNode> byKey = new HashMap<>();
    old.forEach(item -> {
      Map<String, JsonNode> key = mapKey(item, schema);
      if (key != null) {
        byKey.putIfAbsent(key, item);
      }
    });
    return byKey;
  }

  private static FieldError ruleError(CelRule rule, String path, SchemaNode schema, String message) {
    String field = path;
    if (!rule.fieldPath().isEmpty()) {
      String relative = rule.fieldPath().startsWith(".") ? rule.fieldPath().substring(1) : rule.fieldPath();
      field = relative.startsWith("[") ? path + relative : Pruner.child(path, relative);
    }
    String type = schema.intOrString ? "" : schema.type;
    return switch (rule.reason()) {
      case "FieldValueForbidden" -> new FieldError(FieldError.Type.FORBIDDEN, field, FieldError.OMIT, message);
      case "FieldValueRequired" -> FieldError.required(field, message);
      case "FieldValueDuplicate" -> new FieldError(FieldError.Type.DUPLICATE, field, type, "");
      default -> FieldError.invalid(field, type, message);
    };
  }

  private static FieldError typeError(String path, String expected, String actual) {
    return new FieldError(FieldError.Type.TYPE_INVALID, path, actual,
        path + IN + "must be of type " + expected + ": " + GoValues.quote(actual));
  }

  private static boolean typeMatches(SchemaNode schema, JsonNode value) {
    if (schema.intOrString) {
      return value.isTextual() || isInteger(value);
    }
    return switch (schema.type) {
      case "" -> true;
      case "string" -> value.isTextual();
      case "integer" -> isInteger(value);
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      default -> true;
    };
  }

  private static boolean isInteger(JsonNode value) {
    return value.isIntegralNumber() || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
  }

  /** The JSON type name kube-openapi reports for a value. */
  private static String typeOf(JsonNode value) {
    if (value.isTextual()) {
      return "string";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isObject()) {
      return "object";
    }
    return "null";
  }

  /** JSON equality with numbers compared by value ({@code 1} equals {@code 1.0}), as Go's decoded values are. */
  static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }
}
