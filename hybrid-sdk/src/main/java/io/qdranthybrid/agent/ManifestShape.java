package io.qdranthybrid.agent;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a manifest the agent itself reads or writes ({@code metadata}, its name, namespace, labels and
 * annotations) must have the shape Kubernetes gives them; anything else is left to the API server's own validation.
 * A wrong shape is that one resource's problem, never an exception that takes the whole desired state down.
 */
final class ManifestShape {

    private ManifestShape() {
    }

    /** Why the manifest's metadata cannot be used, or empty when it can. */
    static Optional<String> metadataProblem(JsonNode manifest) {
        JsonNode metadata = manifest.get("metadata");
        if (metadata == null || metadata.isNull()) {
            return Optional.empty();
        }
        if (!metadata.isObject()) {
            return Optional.of("metadata must be an object but is " + describe(metadata));
        }
        for (String field : new String[] {"name", "namespace"}) {
            JsonNode value = metadata.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                return Optional.of("metadata." + field + " must be a string but is " + describe(value));
            }
        }
        for (String field : new String[] {"labels", "annotations"}) {
            Optional<String> problem = stringMapProblem("metadata." + field, metadata.get(field));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> stringMapProblem(String path, JsonNode map) {
        if (map == null || map.isNull()) {
            return Optional.empty();
        }
        if (!map.isObject()) {
            return Optional.of(path + " must be an object of strings but is " + describe(map));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                return Optional.of(path + "." + io.qdranthybrid.protocol.message.KubernetesNames.shown(entry.getKey()) + " must be a string but is "
                        + describe(entry.getValue()));
            }
        }
        return Optional.empty();
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            default -> node.getNodeType().name().toLowerCase();
        };
    }
}
