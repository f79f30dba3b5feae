package io.qdranthybrid.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdranthybrid.protocol.client.QueryRefusedException;
import io.qdranthybrid.protocol.message.Query;
import io.qdranthybrid.protocol.message.QueryError;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads a query's arguments; a missing or out-of-range one refuses the query as INVALID, naming the argument. */
final class QueryArgs {

    private final Query query;

    QueryArgs(Query query) {
        this.query = query;
    }

    String requiredText(String name) {
        String value = optionalText(name);
        if (value == null) {
            throw invalid(name + " is required");
        }
        return value;
    }

    String optionalText(String name) {
        JsonNode value = query.args().get(name);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(name + " must be a string");
        }
        return value.textValue();
    }

    /** @return {@code absent} when not given */
    Long optionalLong(String name, long min, long max, Long absent) {
        JsonNode value = query.args().get(name);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() && !value.isTextual()) {
            throw invalid(name + " must be a whole number from " + min + " to " + max);
        }
        long number;
        try {
            number = value.isTextual() ? Long.parseLong(value.textValue()) : value.longValue();
        } catch (NumberFormatException e) {
            throw invalid(name + " must be a whole number from " + min + " to " + max + ", not \"" + value.asText() + "\"");
        }
        if (number < min || number > max) {
            throw invalid(name + " must be from " + min + " to " + max + ", not " + number);
        }
        return number;
    }

    boolean flag(String name) {
        JsonNode value = query.args().get(name);
        return value != null && (value.asBoolean(false) || "true".equals(value.asText()));
    }

    Instant optionalInstant(String name) {
        String text = optionalText(name);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be an RFC 3339 time such as 2026-01-01T10:00:00Z, not \"" + text + "\"");
        }
    }

    QueryRefusedException invalid(String message) {
        return new QueryRefusedException(QueryError.Code.INVALID, query.name() + ": " + message);
    }
}
