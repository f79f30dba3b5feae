package io.qdranthybrid.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdranthybrid.crd.validation.KubernetesQuantity;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether an object already is as desired: every field the desired object sets must be present in the
 * actual one with the same value, so defaults the API server fills in, status and server-managed metadata never
 * count as a difference. Only labels, annotations and ownerReferences of the metadata are compared. What the API
 * server rewrites is compared in the form it stores: resource quantities by value ({@code 1000m} is {@code 1}), a
 * Secret's {@code stringData} as the base64 {@code data} it becomes.
 */
public final class DesiredStateMatch {

    private static final List<String> COMPARED_METADATA = List.of("labels", "annotations", "ownerReferences");
    /** ResourceList fields, whose values are quantities, and the one quantity-valued field elsewhere. */
    private static final Set<String> QUANTITY_MAPS = Set.of("requests", "limits", "capacity", "allocatable");
    private static final String SIZE_LIMIT = "sizeLimit";

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
        if ("Secret".equals(copy.path("kind").asText()) && copy.get("stringData") instanceof ObjectNode stringData) {
            ObjectNode data = copy.get("data") instanceof ObjectNode d ? d : copy.putObject("data");
            stringData.fields().forEachRemaining(e -> data.put(e.getKey(),
                    Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
            copy.remove("stringData");
        }
        JsonNode metadata = copy.get("metadata");
        if (metadata instanceof ObjectNode meta) {
            meta.retain(COMPARED_METADATA);
        }
        return copy;
    }

    /** Desired-is-a-subset-of-actual on the JSON tree: objects by key, arrays element-wise with equal length. */
    static boolean isSubset(JsonNode desired, JsonNode actual) {
        return isSubset(desired, actual, false);
    }

    /** {@code quantity}: the node is a ResourceList or a quantity; quantities are equal when their amounts are. */
    private static boolean isSubset(JsonNode desired, JsonNode actual, boolean quantity) {
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
                // Inside a ResourceList every value is a quantity; a ResourceList itself carries the flag down.
                boolean quantities = quantity || QUANTITY_MAPS.contains(field.getKey())
                        || SIZE_LIMIT.equals(field.getKey());
                if (!isSubset(field.getValue(), actual.get(field.getKey()), quantities)) {
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
                if (!isSubset(desired.get(i), actual.get(i), false)) {
                    return false;
                }
            }
            return true;
        }
        if (quantity && desired.isValueNode() && actual.isValueNode() && sameQuantity(desired, actual)) {
            return true;
        }
        if (desired.isNumber() && actual.isNumber()) {
            // 1 and 1L (or 1.0) are the same quantity even when Jackson picked different node types.
            return desired.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return desired.equals(actual);
    }

    private static boolean sameQuantity(JsonNode desired, JsonNode actual) {
        Optional<BigDecimal> a = KubernetesQuantity.parse(desired.asText());
        Optional<BigDecimal> b = KubernetesQuantity.parse(actual.asText());
        return a.isPresent() && b.isPresent() && a.get().compareTo(b.get()) == 0;
    }
}
