package io.qdranthybrid.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Decides whether an object already is as desired: every field the desired object sets must be present in the
 * actual one with the same value, so defaults the API server fills in, status and server-managed metadata never
 * count as a difference. Only labels, annotations and ownerReferences of the metadata are compared.
 */
public final class DesiredStateMatch {

    private static final List<String> COMPARED_METADATA = List.of("labels", "annotations", "ownerReferences");

    private DesiredStateMatch() {
    }

    /** True when applying {@code desired} over {@code actual} would change nothing the desired object cares about. */
    public static boolean isSatisfiedBy(JsonNode desired, JsonNode actual) {
        return isSubset(comparable(desired), actual);
    }

    /** The part of a desired object that is compared: everything but status, and only some metadata. */
    static JsonNode comparable(JsonNode desired) {
        ObjectNode copy = desired.deepCopy();
        copy.remove("status");
        JsonNode metadata = copy.get("metadata");
        if (metadata instanceof ObjectNode meta) {
            meta.retain(COMPARED_METADATA);
        }
        return copy;
    }

    /** Desired-is-a-subset-of-actual on the JSON tree: objects by key, arrays element-wise with equal length. */
    static boolean isSubset(JsonNode desired, JsonNode actual) {
        if (desired == null || desired.isNull() || desired.isMissingNode()) {
            return true;
        }
        if (actual == null || actual.isNull() || actual.isMissingNode()) {
            // An empty container asks for nothing; serializers differ in whether they omit it.
            return desired.isContainerNode() && desired.isEmpty();
        }
        if (desired.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = desired.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!isSubset(field.getValue(), actual.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (desired.isArray()) {
            if (!actual.isArray() || actual.size() != desired.size()) {
                return false;
            }
            for (int i = 0; i < desired.size(); i++) {
                if (!isSubset(desired.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (desired.isNumber() && actual.isNumber()) {
            // 1 and 1L (or 1.0) are the same quantity even when Jackson picked different node types.
            return desired.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return desired.equals(actual);
    }
}
