package io.qdranthybrid.harness.controlplane;

import com.fasterxml.jackson.databind.JsonNode;

/** What the REST API answers: an HTTP status and a JSON body (null for 204). */
record RestResponse(int status, JsonNode body) {

    static RestResponse ok(Object value) {
        return new RestResponse(200, ConsoleJson.MAPPER.valueToTree(value));
    }

    static RestResponse created(Object value) {
        return new RestResponse(201, ConsoleJson.MAPPER.valueToTree(value));
    }

    static RestResponse noContent() {
        return new RestResponse(204, null);
    }

    static RestResponse error(int status, String message) {
        return new RestResponse(status, ConsoleJson.MAPPER.createObjectNode().put("code", status).put("message", message));
    }
}
