package io.qdranthybrid.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small check of an object against a CRD's structural schema, for the rules a manifest most often breaks:
 * {@code type}, {@code required} (after defaulting), {@code enum}, {@code pattern}, {@code format} ({@code date-time},
 * {@code int32}), numeric and length bounds, {@code x-kubernetes-list-type: set} uniqueness, and fields the API
 * server would prune (undeclared, outside {@code x-kubernetes-preserve-unknown-fields}). It mirrors
 * k8s.io/apiextensions-apiserver/pkg/apiserver/schema (pruning, defaulting) and kube-openapi's validate package;
 * CEL rules are not evaluated. Test scope: the simulated API server is what enforces schemas.
 */
public final class StructuralSchemaChecker {

    private final JSONSchemaProps root;

    public StructuralSchemaChecker(JSONSchemaProps root) {
        this.root = root;
    }

    /** Every violation and pruned field of {@code object}, one line each; empty when the API server accepts it as is. */
    public List<String> check(JsonNode object) {
        List<String> problems = new ArrayList<>();
        check("", object, root, problems);
        return problems;
    }

    private void check(String path, JsonNode value, JSONSchemaProps schema, List<String> problems) {
        String at = path.isEmpty() ? "<root>" : path;
        if (value.isNull()) {
            if (!Boolean.TRUE.equals(schema.getNullable())) {
                problems.add(at + ": Invalid value: null: must not be null");
            }
            return;
        }
        if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString())) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                problems.add(at + ": Invalid value: " + value + ": must be an integer or a string");
            } else if (value.isTextual()) {
                checkString(at, value.asText(), schema, problems);
            }
            return;
        }
        String type = schema.getType();
        if (type != null && !hasType(value, type)) {
            problems.add(at + ": Invalid value: " + value + ": must be of type " + type);
            return;
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty() && !schema.getEnum().contains(value)) {
            problems.add(at + ": Unsupported value: " + value + ": supported values: " + schema.getEnum());
        }
        if (value.isTextual()) {
            checkString(at, value.asText(), schema, problems);
        } else if (value.isNumber()) {
            checkNumber(at, value, schema, problems);
        } else if (value.isArray()) {
            checkArray(path, value, schema, problems);
        } else if (value.isObject()) {
            checkObject(path, value, schema, problems);
        }
    }

    private void checkObject(String path, JsonNode value, JSONSchemaProps schema, List<String> problems) {
        Map<String, JSONSchemaProps> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
        if (schema.getRequired() != null) {
            for (String name : schema.getRequired()) {
                JSONSchemaProps property = properties.get(name);
                boolean defaulted = property != null && property.getDefault() != null;
                if (!value.has(name) && !defaulted) {
                    problems.add(join(path, name) + ": Required value");
                }
            }
        }
        boolean embedded = Boolean.TRUE.equals(schema.getXKubernetesEmbeddedResource());
        boolean preserve = Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields());
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String child = join(path, field.getKey());
            JSONSchemaProps property = properties.get(field.getKey());
            if ((path.isEmpty() || embedded) && field.getKey().equals("metadata")) {
                continue; // ObjectMeta is validated by the API server's own rules, not by the CRD's schema
            }
            if (property != null) {
                check(child, field.getValue(), property, problems);
            } else if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
                check(child, field.getValue(), schema.getAdditionalProperties().getSchema(), problems);
            } else if (!preserve && !(embedded && Set.of("apiVersion", "kind", "metadata").contains(field.getKey()))) {
                problems.add(child + ": pruned (unknown field)");
            }
        }
    }

    private void checkArray(String path, JsonNode value, JSONSchemaProps schema, List<String> problems) {
        String at = path.isEmpty() ? "<root>" : path;
        if (schema.getMinItems() != null && value.size() < schema.getMinItems()) {
            problems.add(at + ": Invalid value: " + value.size() + ": should have at least " + schema.getMinItems() + " items");
        }
        if (schema.getMaxItems() != null && value.size() > schema.getMaxItems()) {
            problems.add(at + ": Too many: " + value.size() + ": must have at most " + schema.getMaxItems() + " items");
        }
        if ("set".equals(schema.getXKubernetesListType())) {
            Set<JsonNode> seen = new HashSet<>();
            for (int i = 0; i < value.size(); i++) {
                if (!seen.add(value.get(i))) {
                    problems.add(path + "[" + i + "]: Duplicate value: " + value.get(i));
                }
            }
        }
        if (schema.getItems() != null && schema.getItems().getSchema() != null) {
            for (int i = 0; i < value.size(); i++) {
                check(path + "[" + i + "]", value.get(i), schema.getItems().getSchema(), problems);
            }
        }
    }

    private static void checkString(String at, String text, JSONSchemaProps schema, List<String> problems) {
        if (schema.getPattern() != null && !Pattern.compile(schema.getPattern()).matcher(text).find()) {
            // Go's regexp MatchString, which the API server uses, finds the pattern anywhere unless anchored
            problems.add(at + ": Invalid value: \"" + text + "\": " + at + " in body should match '"
                    + schema.getPattern() + "'");
        }
        if (schema.getMinLength() != null && text.codePointCount(0, text.length()) < schema.getMinLength()) {
            problems.add(at + ": Invalid value: \"" + text + "\": should be at least " + schema.getMinLength() + " chars long");
        }
        if (schema.getMaxLength() != null && text.codePointCount(0, text.length()) > schema.getMaxLength()) {
            problems.add(at + ": Too long: may not be more than " + schema.getMaxLength() + " bytes");
        }
        if ("date-time".equals(schema.getFormat())) {
            try {
                OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                problems.add(at + ": Invalid value: \"" + text + "\": " + at + " in body must be of type date-time");
            }
        }
    }

    private static void checkNumber(String at, JsonNode value, JSONSchemaProps schema, List<String> problems) {
        double number = value.asDouble();
        if (schema.getMinimum() != null && number < schema.getMinimum()) {
            problems.add(at + ": Invalid value: " + value + ": " + at + " in body should be greater than or equal to "
                    + schema.getMinimum().longValue());
        }
        if (schema.getMaximum() != null && number > schema.getMaximum()) {
            problems.add(at + ": Invalid value: " + value + ": " + at + " in body should be less than or equal to "
                    + schema.getMaximum().longValue());
        }
        if ("int32".equals(schema.getFormat()) && (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE)) {
            problems.add(at + ": Invalid value: " + value + ": out of the int32 range");
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
