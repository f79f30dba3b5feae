package io.qdranthybrid.harness.qdrant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP answer of a simulated node, in Qdrant's envelope: {@code {"result":..,"status":"ok","time":..}}. */
record RestReply(int status, String contentType, byte[] body) {

    static final ObjectMapper JSON = new ObjectMapper();

    static RestReply ok(Object result, long startNanos) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("result", result);
        envelope.put("status", "ok");
        envelope.put("time", elapsedSeconds(startNanos));
        return json(200, envelope);
    }

    static RestReply error(int status, String message, long startNanos) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("status", Map.of("error", message));
        envelope.put("time", elapsedSeconds(startNanos));
        return json(status, envelope);
    }

    /** An unwrapped JSON document, as {@code GET /} answers. */
    static RestReply json(int status, Object document) {
        try {
            return new RestReply(status, "application/json", JSON.writeValueAsBytes(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a simulated Qdrant response: " + e.getMessage(), e);
        }
    }

    static RestReply text(int status, String text, String contentType) {
        return new RestReply(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    private static double elapsedSeconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
