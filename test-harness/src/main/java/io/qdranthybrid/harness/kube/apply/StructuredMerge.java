package io.qdranthybrid.harness.kube.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges an applied configuration into a live object and removes fields from it, following a kind's
 * {@link MergeRules} (sigs.k8s.io/structured-merge-diff/typed/merge.go and remove.go): granular objects merge by
 * field, atomic values are replaced, sets are unions, associative lists merge item by item on their keys.
 */
public final class StructuredMerge {

  private StructuredMerge() {
  }

  /** A new object: {@code live} with {@code config} merged in (neither is changed). */
  public static ObjectNode merge(ObjectNode live, ObjectNode config, MergeRules rules) {
    return (ObjectNode) merge(new ArrayList<>(), live, config, rules, true);
  }

  private static JsonNode merge(List<String> fields, JsonNode live, JsonNode config, MergeRules rules, boolean root) {
    if (config instanceof ObjectNode patch && live instanceof ObjectNode existing
        && (root || !rules.atomicMap(fields))) {
      ObjectNode result = existing.deepCopy();
      patch.fields().forEachRemaining(field -> {
        if (field.getValue().isNull()) {
          result.remove(field.getKey());
          return;
        }
        fields.add(field.getKey());
        result.set(field.getKey(), merge(fields, existing.get(field.getKey()), field.getValue(), rules, false));
        fields.remove(fields.size() - 1);
      });
      return result;
    }
    if (config instanceof ArrayNode patch && live instanceof ArrayNode existing) {
      MergeRules.ListType listType = rules.listType(fields);
      return switch (listType.kind()) {
        case ATOMIC -> patch.deepCopy();
        case SET -> {
          ArrayNode result = existing.deepCopy();
          patch.forEach(item -> {
            if (!contains(result, item)) {
              result.add(item.deepCopy());
            }
          });
          yield result;
        }
        case MAP -> mergeAssociative(fields, existing, patch, listType, rules);
      };
    }
    return config.deepCopy();
  }

  private static JsonNode mergeAssociative(List<String> fields, ArrayNode live, ArrayNode config,
                                           MergeRules.ListType listType, MergeRules rules) {
    Map<JsonNode, JsonNode> merged = new LinkedHashMap<>();
    for (JsonNode item : live) {
      JsonNode key = listType.keyOf(item);
      if (key == null) {
        return config.deepCopy(); // an unaddressable live list is replaced as a whole
      }
      merged.put(key, item);
    }
    for (JsonNode item : config) {
      JsonNode key = listType.keyOf(item);
      if (key == null) {
        return config.deepCopy();
      }
      JsonNode current = merged.get(key);
      merged.put(key, current == null ? item.deepCopy() : merge(fields, current, item, rules, false));
    }
    ArrayNode result = live.arrayNode();
    merged.values().forEach(v -> result.add(v.deepCopy()));
    return result;
  }

  private static boolean contains(ArrayNode array, JsonNode item) {
    for (JsonNode existing : array) {
      if (existing.equals(item)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Removes the value at {@code path} from {@code object} (in place), then objects left empty on the way up that
   * the removal emptied; true when something was removed.
   */
  public static boolean remove(ObjectNode object, FieldPath path, MergeRules rules) {
    List<JsonNode> containers = new ArrayList<>();
    JsonNode node = object;
    List<String> fields = new ArrayList<>();
    for (int i = 0; i < path.elements().size() - 1; i++) {
      containers.add(node);
      node = step(node, path.elements().get(i), fields, rules);
      if (node == null) {
        return false;
      }
    }
    containers.add(node);
    if (!detach(node, path.last(), fields, rules)) {
      return false;
    }
    for (int i = containers.size() - 1; i > 0; i--) {
      JsonNode container = containers.get(i);
      if (!container.isEmpty()) {
        break;
      }
      detachChild(containers.get(i - 1), container);
    }
    return true;
  }

  private static JsonNode step(JsonNode node, PathElement element, List<String> fields, MergeRules rules) {
    if (element instanceof PathElement.Field field) {
      fields.add(field.name());
      return node instanceof ObjectNode o ? o.get(field.name()) : null;
    }
    if (node instanceof ArrayNode array) {
      int index = indexOf(array, element, rules.listType(fields));
      return index < 0 ? null : array.get(index);
    }
    return null;
  }

  private static boolean detach(JsonNode node, PathElement element, List<String> fields, MergeRules rules) {
    if (element instanceof PathElement.Field field) {
      return node instanceof ObjectNode o && o.remove(field.name()) != null;
    }
    if (node instanceof ArrayNode array) {
      int index = indexOf(array, element, rules.listType(fields));
      if (index >= 0) {
        array.remove(index);
        return true;
      }
    }
    return false;
  }

  private static void detachChild(JsonNode parent, JsonNode child) {
    if (parent instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fields().forEachRemaining(e -> {
        if (e.getValue() == child) {
          names.add(e.getKey());
        }
      });
      o.remove(names);
    } else if (parent instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i) == child) {
          a.remove(i);
          return;
        }
      }
    }
  }

  private static int indexOf(ArrayNode array, PathElement element, MergeRules.ListType listType) {
    for (int i = 0; i < array.size(); i++) {
      if (element instanceof PathElement.Index index ? index.index() == i
          : element.equals(ObjectFields.elementOf(listType, array.get(i)))) {
        return i;
      }
    }
    return -1;
  }
}
