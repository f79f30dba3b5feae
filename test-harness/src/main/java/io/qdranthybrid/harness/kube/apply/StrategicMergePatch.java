package io.qdranthybrid.harness.kube.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic merge patch of a built-in kind (k8s.io/apimachinery/pkg/util/strategicpatch/patch.go): lists with a
 * patch merge key (containers by name, ports by containerPort and protocol, env by name, volumes by name, volume
 * mounts by mountPath, ownerReferences by uid, conditions by type ...) merge item by item, {@code finalizers}
 * merge as a set, other lists are replaced. Directives: {@code $patch: delete} (an item or a map),
 * {@code $patch: replace}, {@code $retainKeys}, {@code $deleteFromPrimitiveList/<list>}; {@code $setElementOrder}
 * is accepted and only orders nothing here.
 */
public final class StrategicMergePatch {

  private static final String PATCH = "$patch";
  private static final String RETAIN_KEYS = "$retainKeys";
  private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";
  private static final String SET_ELEMENT_ORDER = "$setElementOrder/";

  private StrategicMergePatch() {
  }

  /** A new object: {@code target} with {@code patch} applied (neither is changed). */
  public static ObjectNode apply(ObjectNode target, ObjectNode patch, MergeRules rules) {
    return mergeObject(new ArrayList<>(), target.deepCopy(), patch, rules);
  }

  private static ObjectNode mergeObject(List<String> fields, ObjectNode target, ObjectNode patch, MergeRules rules) {
    if ("replace".equals(patch.path(PATCH).asText())) {
      return withoutDirectives(patch);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (name.equals(PATCH) || name.equals(RETAIN_KEYS) || name.startsWith(SET_ELEMENT_ORDER)) {
        continue;
      }
      if (name.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        String list = name.substring(DELETE_FROM_PRIMITIVE_LIST.length());
        if (target.get(list) instanceof ArrayNode existing) {
          Set<JsonNode> doomed = new HashSet<>();
          value.forEach(doomed::add);
          ArrayNode kept = existing.arrayNode();
          existing.forEach(item -> {
            if (!doomed.contains(item)) {
              kept.add(item);
            }
          });
          target.set(list, kept);
        }
        continue;
      }
      JsonNode existing = target.get(name);
      fields.add(name);
      if (value.isNull()) {
        target.remove(name);
      } else if (value instanceof ObjectNode object) {
        String directive = object.path(PATCH).asText("");
        if (directive.equals("delete")) {
          target.remove(name);
        } else if (existing instanceof ObjectNode existingObject && !directive.equals("replace")) {
          target.set(name, mergeObject(fields, existingObject, object, rules));
        } else {
          target.set(name, withoutDirectives(object));
        }
      } else if (value instanceof ArrayNode array && existing instanceof ArrayNode existingArray) {
        target.set(name, mergeList(fields, existingArray, array, rules));
      } else {
        target.set(name, value instanceof ArrayNode array ? withoutDirectives(array) : value.deepCopy());
      }
      fields.remove(fields.size() - 1);
    }
    if (patch.get(RETAIN_KEYS) instanceof ArrayNode retain) {
      Set<String> keep = new HashSet<>();
      retain.forEach(k -> keep.add(k.asText()));
      target.retain(keep);
    }
    return target;
  }

  private static ArrayNode mergeList(List<String> fields, ArrayNode target, ArrayNode patch, MergeRules rules) {
    for (JsonNode item : patch) {
      if (item.isObject() && "replace".equals(item.path(PATCH).asText()) && item.size() == 1) {
        ArrayNode replaced = patch.arrayNode();
        patch.forEach(i -> {
          if (i != item) {
            replaced.add(withoutDirectives(i));
          }
        });
        return replaced;
      }
    }
    MergeRules.ListType listType = rules.listType(fields);
    if (listType.kind() == MergeRules.ListType.Kind.SET) {
      ArrayNode result = target.deepCopy();
      patch.forEach(item -> {
        boolean present = false;
        for (JsonNode existing : result) {
          present |= existing.equals(item);
        }
        if (!present) {
          result.add(item.deepCopy());
        }
      });
      return result;
    }
    if (listType.kind() != MergeRules.ListType.Kind.MAP) {
      return withoutDirectives(patch);
    }
    Map<JsonNode, JsonNode> merged = new LinkedHashMap<>();
    for (JsonNode item : target) {
      ObjectNode key = listType.keyOf(item);
      if (key == null) {
        return withoutDirectives(patch);
      }
      merged.put(key, item);
    }
    for (JsonNode item : patch) {
      ObjectNode key = listType.keyOf(item);
      if (key == null) {
        return withoutDirectives(patch);
      }
      String directive = item.path(PATCH).asText("");
      JsonNode current = merged.get(key);
      if (directive.equals("delete")) {
        merged.remove(key);
      } else if (current instanceof ObjectNode currentObject && !directive.equals("replace")) {
        merged.put(key, mergeObject(fields, currentObject.deepCopy(), (ObjectNode) item, rules));
      } else {
        merged.put(key, withoutDirectives(item));
      }
    }
    ArrayNode result = target.arrayNode();
    merged.values().forEach(result::add);
    return result;
  }

  /** A copy with the patch directives removed, for values that are set as a whole. */
  private static <T extends JsonNode> T withoutDirectives(T value) {
    @SuppressWarnings("unchecked")
    T copy = (T) value.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> directives = new ArrayList<>();
      object.fieldNames().forEachRemaining(name -> {
        if (name.startsWith("$")) {
          directives.add(name);
        }
      });
      object.remove(directives);
      object.forEach(StrategicMergePatch::strip);
    } else if (node instanceof ArrayNode array) {
      array.forEach(StrategicMergePatch::strip);
    }
  }
}
