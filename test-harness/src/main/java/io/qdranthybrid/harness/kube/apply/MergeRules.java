package io.qdranthybrid.harness.kube.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * How the lists and maps of one kind merge, by the field names leading to them (list items add no name):
 * what {@code x-kubernetes-list-type}, {@code x-kubernetes-list-map-keys} and {@code x-kubernetes-map-type} say
 * in a CRD schema, or the {@code +listType}/{@code +listMapKey} markers of a built-in kind's Go types.
 */
public interface MergeRules {

  ListType listType(List<String> fields);

  /** Whether the object at these field names is replaced as a whole ({@code x-kubernetes-map-type: atomic}). */
  boolean atomicMap(List<String> fields);

  /** A list's merge semantics; {@code keyDefaults} fill key fields an item omits (a port's protocol is TCP). */
  record ListType(Kind kind, List<String> keys, Map<String, JsonNode> keyDefaults) {

    public enum Kind { ATOMIC, SET, MAP }

    public static final ListType ATOMIC = new ListType(Kind.ATOMIC, List.of(), Map.of());
    public static final ListType SET = new ListType(Kind.SET, List.of(), Map.of());

    public static ListType map(List<String> keys, Map<String, JsonNode> keyDefaults) {
      return new ListType(Kind.MAP, List.copyOf(keys), Map.copyOf(keyDefaults));
    }

    public static ListType map(String... keys) {
      return map(List.of(keys), Map.of());
    }

    /** The key values of an item; null when the item is not an object or lacks a key without default. */
    public ObjectNode keyOf(JsonNode item) {
      if (!(item instanceof ObjectNode object)) {
        return null;
      }
      ObjectNode key = object.objectNode();
      for (String name : keys) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
          value = keyDefaults.get(name);
        }
        if (value == null) {
          return null;
        }
        key.set(name, value);
      }
      return key;
    }
  }
}
