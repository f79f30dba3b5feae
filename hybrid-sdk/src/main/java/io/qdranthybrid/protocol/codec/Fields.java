package io.qdranthybrid.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed, path-aware reads from one JSON object, so a malformed payload is reported as e.g. {@code payload.resources[1].revision}. */
final class Fields {

    private final JsonNode node;
    private final String path;

    Fields(JsonNode node, String path) throws MalformedPayloadException {
        if (node == null || !node.isObject()) {
            throw new MalformedPayloadException(path + ": expected an object but got " + describe(node));
        }
        this.node = node;
        this.path = path;
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    String text(String field) throws MalformedPayloadException {
        JsonNode value = required(field);
        if (!value.isTextual()) {
            throw wrongType(field, "a string", value);
        }
        return value.textValue();
    }

    /** The string, or null when absent or null. */
    String optionalText(String field) throws MalformedPayloadException {
        return has(field) ? text(field) : null;
    }

    long longValue(String field) throws MalformedPayloadException {
        JsonNode value = required(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(field, "an integer", value);
        }
        return value.longValue();
    }

    Long optionalLong(String field) throws MalformedPayloadException {
        return has(field) ? longValue(field) : null;
    }

    int intValue(String field) throws MalformedPayloadException {
        JsonNode value = required(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(field, "a 32-bit integer", value);
        }
        return value.intValue();
    }

    double doubleValue(String field) throws MalformedPayloadException {
        JsonNode value = required(field);
        if (!value.isNumber()) {
            throw wrongType(field, "a number", value);
        }
        return value.doubleValue();
    }

    boolean booleanValue(String field, boolean absent) throws MalformedPayloadException {
        if (!has(field)) {
            return absent;
        }
        JsonNode value = node.get(field);
        if (!value.isBoolean()) {
            throw wrongType(field, "a boolean", value);
        }
        return value.booleanValue();
    }

    Instant instant(String field) throws MalformedPayloadException {
        String text = text(field);
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new MalformedPayloadException(path(field) + ": expected an ISO-8601 instant like 2026-01-31T12:00:00Z but got \"" + abbreviate(text) + "\"");
        }
    }

    /** A free-form object (manifest, status, args), returned as is. */
    JsonNode rawObject(String field) throws MalformedPayloadException {
        JsonNode value = required(field);
        if (!value.isObject()) {
            throw wrongType(field, "an object", value);
        }
        return value;
    }

    JsonNode optionalRawObject(String field) throws MalformedPayloadException {
        return has(field) ? rawObject(field) : null;
    }

    Fields object(String field) throws MalformedPayloadException {
        return new Fields(rawObject(field), path(field));
    }

    List<Fields> objects(String field) throws MalformedPayloadException {
        JsonNode array = array(field);
        List<Fields> result = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            result.add(new Fields(array.get(i), path(field) + "[" + i + "]"));
        }
        return result;
    }

    List<String> texts(String field) throws MalformedPayloadException {
        JsonNode array = array(field);
        List<String> result = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!item.isTextual()) {
                throw new MalformedPayloadException(path(field) + "[" + i + "]: expected a string but got " + describe(item));
            }
            result.add(item.textValue());
        }
        return result;
    }

    List<Integer> ints(String field) throws MalformedPayloadException {
        JsonNode array = array(field);
        List<Integer> result = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!item.isIntegralNumber() || !item.canConvertToInt()) {
                throw new MalformedPayloadException(path(field) + "[" + i + "]: expected an integer but got " + describe(item));
            }
            result.add(item.intValue());
        }
        return result;
    }

    Map<String, String> textMap(String field) throws MalformedPayloadException {
        Map<String, String> result = new LinkedHashMap<>();
        if (!has(field)) {
            return result;
        }
        JsonNode object = rawObject(field);
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new MalformedPayloadException(path(field) + "." + entry.getKey() + ": expected a string but got " + describe(entry.getValue()));
            }
            result.put(entry.getKey(), entry.getValue().textValue());
        }
        return result;
    }

    <E extends Enum<E>> E enumValue(String field, Class<E> type) throws MalformedPayloadException {
        E value = lenientEnumValue(field, type, null);
        if (value == null) {
            throw new MalformedPayloadException(path(field) + ": unknown value \"" + abbreviate(text(field)) + "\"");
        }
        return value;
    }

    /** Like {@link #enumValue} but maps values from a newer peer to {@code fallback} instead of failing. */
    <E extends Enum<E>> E lenientEnumValue(String field, Class<E> type, E fallback) throws MalformedPayloadException {
        String text = text(field);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        return fallback;
    }

    String path(String field) {
        return path + "." + field;
    }

    private JsonNode array(String field) throws MalformedPayloadException {
        JsonNode value = required(field);
        if (!value.isArray()) {
            throw wrongType(field, "an array", value);
        }
        return value;
    }

    private JsonNode required(String field) throws MalformedPayloadException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedPayloadException(path(field) + ": required field is missing");
        }
        return value;
    }

    private MalformedPayloadException wrongType(String field, String expected, JsonNode actual) {
        return new MalformedPayloadException(path(field) + ": expected " + expected + " but got " + describe(actual));
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "the number " + abbreviate(node.asText()) : "the decimal " + abbreviate(node.asText());
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
