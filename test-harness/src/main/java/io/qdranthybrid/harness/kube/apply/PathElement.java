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

  /**
   * Keys are held sorted by field name: the encoded form sorts them too, so equal keys encode equally. Encoded once:
   * managed fields are rendered on every write, and a pod's lists are keyed (containers, ports, conditions...).
   */
  final class Key implements PathElement {

    private final ObjectNode keys;
    private final String encoded;

    public Key(ObjectNode keys) {
      ObjectNode sorted = JSON.createObjectNode();
      Map<String, JsonNode> byName = new TreeMap<>();
      keys.fields().forEachRemaining(e -> byName.put(e.getKey(), e.getValue()));
      byName.forEach(sorted::set);
      this.keys = sorted;
      this.encoded = "k:" + sorted;
    }

    public ObjectNode keys() {
      return keys;
    }

    public String encode() {
      return encoded;
    }

    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof Key other && encoded.equals(other.encoded);
    }

    @Override
    public int hashCode() {
      return encoded.hashCode();
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

  /**
   * Reads an encoded element; throws {@link IllegalArgumentException} on anything else. Every write reads every
   * manager's fieldsV1 back, so keys and values (JSON) are remembered once decoded, up to a bound (keys such as an
   * owner's uid are unique per object).
   */
  static PathElement decode(String encoded) {
    if (encoded.startsWith("f:") || encoded.startsWith("i:")) {
      return parse(encoded); // no JSON to parse: cheaper than a lookup
    }
    PathElement known = Decoded.ELEMENTS.get(encoded);
    if (known != null) {
      return known;
    }
    PathElement element = parse(encoded);
    if (Decoded.ELEMENTS.size() >= Decoded.BOUND) {
      Decoded.ELEMENTS.clear();
    }
    Decoded.ELEMENTS.put(encoded, element);
    return element;
  }

  /** Holder of the decoded elements (an interface can hold no private state itself). */
  final class Decoded {
    private static final int BOUND = 16_384;
    private static final Map<String, PathElement> ELEMENTS = new java.util.concurrent.ConcurrentHashMap<>();

    private Decoded() {
    }
  }

  private static PathElement parse(String encoded) {
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
