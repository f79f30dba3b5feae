package io.qdranthybrid.harness.kube.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One step of a field path as structured-merge-diff names it: a field of an object, the item of an associative
 * list with the given key values, the item of a set with the given value, or (atomic lists never get here) an index.
 * {@link #encode()} is the {@code fieldsV1} key ({@code f:name}, {@code k:{"name":"qdrant"}}, {@code v:"x"},
 * {@code i:0}); {@link #toString()} is how conflict messages print it
 * (sigs.k8s.io/structured-merge-diff/fieldpath/element.go and serialize-pe.go).
 */
public sealed interface PathElement {

  ObjectMapper JSON = new ObjectMapper();

  String encode();

  record Field(String name) implements PathElement {
    public String encode() {
      return "f:" + name;
    }

    @Override
    public String toString() {
      return "." + name;
    }
  }

  /** Keys are held sorted by field name: the encoded form sorts them too, so equal keys encode equally. */
  record Key(ObjectNode keys) implements PathElement {
    public Key {
      ObjectNode sorted = JSON.createObjectNode();
      Map<String, JsonNode> byName = new TreeMap<>();
      keys.fields().forEachRemaining(e -> byName.put(e.getKey(), e.getValue()));
      byName.forEach(sorted::set);
      keys = sorted;
    }

    public String encode() {
      return "k:" + keys;
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder("[");
      for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        s.append(e.getKey()).append('=').append(e.getValue());
        if (it.hasNext()) {
          s.append(',');
        }
      }
      return s.append(']').toString();
    }
  }

  record Value(JsonNode value) implements PathElement {
    public String encode() {
      return "v:" + value;
    }

    @Override
    public String toString() {
      return "[=" + value + "]";
    }
  }

  record Index(int index) implements PathElement {
    public String encode() {
      return "i:" + index;
    }

    @Override
    public String toString() {
      return "[" + index + "]";
    }
  }

  /** Reads an encoded element; throws {@link IllegalArgumentException} on anything else. */
  static PathElement decode(String encoded) {
    if (encoded.length() < 2 || encoded.charAt(1) != ':') {
      throw new IllegalArgumentException("invalid field path element \"" + encoded + "\"");
    }
    String rest = encoded.substring(2);
    try {
      return switch (encoded.charAt(0)) {
        case 'f' -> new Field(rest);
        case 'k' -> {
          JsonNode keys = JSON.readTree(rest);
          if (!(keys instanceof ObjectNode object)) {
            throw new IllegalArgumentException("invalid key \"" + rest + "\": not an object");
          }
          yield new Key(object);
        }
        case 'v' -> new Value(JSON.readTree(rest));
        case 'i' -> new Index(Integer.parseInt(rest));
        default -> throw new IllegalArgumentException("invalid field path element \"" + encoded + "\"");
      };
    } catch (JsonProcessingException | NumberFormatException e) {
      throw new IllegalArgumentException("invalid field path element \"" + encoded + "\": " + e.getMessage(), e);
    }
  }
}
