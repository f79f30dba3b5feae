package io.qdranthybrid.harness.controlplane;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** A request's JSON object, read field by field with errors that name the field and what it should be. */
final class JsonBody {

    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    /** @throws InvalidRequestException when the body is not a JSON object (an empty body is an empty object) */
    static JsonBody parse(String text) {
        if (text == null || text.isBlank()) {
            return new JsonBody(JsonNodeFactory.instance.objectNode());
        }
        JsonNode root;
        try {
            root = ConsoleJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("the request body must be a JSON object");
        }
        return new JsonBody(root);
    }

    String requiredText(String field) {
        String value = optionalText(field);
        if (value == null) {
            throw new InvalidRequestException("field '" + field + "' is required (a string)");
        }
        return value;
    }

    /** The field's text, or null when absent, null or empty. */
    String optionalText(String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidRequestException("field '" + field + "' must be a string, got " + value);
        }
        return value.asText().isBlank() ? null : value.asText().trim();
    }

    int requiredInt(String field) {
        Integer value = optionalInt(field);
        if (value == null) {
            throw new InvalidRequestException("field '" + field + "' is required (an integer)");
        }
        return value;
    }

    /** The field as an integer (a numeric string is accepted, as HTML forms send them), or null when absent. */
    Integer optionalInt(String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.asInt();
        }
        if (value.isTextual() && value.asText().trim().matches("-?[0-9]{1,9}")) {
            return Integer.parseInt(value.asText().trim());
        }
        throw new InvalidRequestException("field '" + field + "' must be an integer, got " + value);
    }

    boolean optionalBoolean(String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new InvalidRequestException("field '" + field + "' must be true or false, got " + value);
        }
        return value.asBoolean();
    }

    /** The field as it is (any JSON), or null when absent. */
    JsonNode optionalNode(String field) {
        JsonNode value = root.get(field);
        return value == null || value.isNull() ? null : value;
    }
}
