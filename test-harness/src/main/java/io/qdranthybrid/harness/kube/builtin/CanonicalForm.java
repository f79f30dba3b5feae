package io.qdranthybrid.harness.kube.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the real API server serialises a built-in object it decoded into Go types: resource quantities in
 * canonical form ({@link Quantities}); empty lists and empty string maps dropped, as Go's {@code omitempty} drops
 * them; empty structs kept (a pod's {@code securityContext: {}} and {@code resources: {}} stay, Go's omitempty
 * never drops a struct); int-or-string values kept as sent (an int stays an int, a name stays a name).
 */
public final class CanonicalForm {

  /** Maps of resource name to quantity (ResourceList). */
  private static final Set<String> RESOURCE_LISTS = Set.of("requests", "limits", "capacity", "allocatable",
      "allocatedResources");
  /** map[string]string and map[string][]byte fields: an empty one is dropped. */
  private static final Set<String> STRING_MAPS = Set.of("labels", "annotations", "data", "binaryData", "stringData",
      "nodeSelector", "matchLabels", "selector", "requests", "limits", "capacity", "allocatable");

  /** Lists without omitempty: an empty one is serialised as {@code []} (rbac/v1 PolicyRule lists). */
  private static final Set<String> NOT_OMITTED = Set.of("rules", "verbs");

  private CanonicalForm() {
  }

  /** Rewrites the object in place; throws {@link IllegalArgumentException} for a quantity that is not one. */
  public static void apply(ObjectNode object) {
    walk("", object);
  }

  private static void walk(String field, JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (RESOURCE_LISTS.contains(field)) {
        canonicalQuantities(object);
      }
      if (object.get("sizeLimit") != null) {
        object.put("sizeLimit", quantity(object.get("sizeLimit")));
      }
      List<String> empty = new ArrayList<>();
      for (var it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> child = it.next();
        walk(child.getKey(), child.getValue());
        JsonNode value = child.getValue();
        if (value.isArray() && value.isEmpty() && !NOT_OMITTED.contains(child.getKey()) || value.isObject() && value.isEmpty()
            && STRING_MAPS.contains(child.getKey()) || value.isNull()) {
          empty.add(child.getKey());
        }
      }
      object.remove(empty);
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        walk(field, array.get(i));
      }
    }
  }

  private static void canonicalQuantities(ObjectNode resources) {
    List<String> names = new ArrayList<>();
    resources.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      resources.put(name, quantity(resources.get(name)));
    }
  }

  /** Throws {@link IllegalArgumentException} for text that is no quantity: the real server cannot decode it. */
  private static String quantity(JsonNode value) {
    return Quantities.canonical(value.isNumber() ? value.decimalValue().toPlainString() : value.asText());
  }
}
