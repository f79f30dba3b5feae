package io.qdranthybrid.harness.kube.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable set of field paths, and its {@code fieldsV1} form: a tree keyed by encoded path elements where
 * {@code {}} marks a member leaf and {@code ".": {}} marks a member that also has members below it
 * (k8s.io/apimachinery/pkg/apis/meta/v1 ManagedFieldsEntry, sigs.k8s.io/structured-merge-diff/fieldpath/serialize.go).
 */
public final class FieldSet {

  public static final FieldSet EMPTY = new FieldSet(Set.of());

  private final Set<FieldPath> paths;
  /**
   * The {@code fieldsV1} form, once rendered or as read: every write re-renders every manager's entry, and most
   * entries are those of other managers, unchanged by the write. Never handed out, only copies of it.
   */
  private volatile ObjectNode fieldsV1;

  public FieldSet(Collection<FieldPath> paths) {
    this.paths = Collections.unmodifiableSet(new LinkedHashSet<>(paths));
  }

  public Set<FieldPath> paths() {
    return paths;
  }

  public boolean isEmpty() {
    return paths.isEmpty();
  }

  public boolean contains(FieldPath path) {
    return paths.contains(path);
  }

  public FieldSet union(FieldSet other) {
    if (other.paths.isEmpty() || paths.containsAll(other.paths)) {
      return this;
    }
    Set<FieldPath> all = new LinkedHashSet<>(paths);
    all.addAll(other.paths);
    return new FieldSet(all);
  }

  public FieldSet minus(FieldSet other) {
    if (paths.isEmpty() || other.paths.isEmpty() || disjoint(other)) {
      return this;
    }
    Set<FieldPath> rest = new LinkedHashSet<>(paths);
    rest.removeAll(other.paths);
    return new FieldSet(rest);
  }

  private boolean disjoint(FieldSet other) {
    Set<FieldPath> smaller = paths.size() <= other.paths.size() ? paths : other.paths;
    Set<FieldPath> larger = smaller == paths ? other.paths : paths;
    for (FieldPath path : smaller) {
      if (larger.contains(path)) {
        return false;
      }
    }
    return true;
  }

  public FieldSet intersect(FieldSet other) {
    Set<FieldPath> both = new LinkedHashSet<>(paths);
    both.retainAll(other.paths);
    return new FieldSet(both);
  }

  /** The paths sorted the way conflict messages list them (by their printed form). */
  public List<FieldPath> sorted() {
    return paths.stream().sorted(Comparator.comparing(FieldPath::toString)).toList();
  }

  public ObjectNode toFieldsV1() {
    ObjectNode rendered = fieldsV1;
    if (rendered == null) {
      rendered = render();
      fieldsV1 = rendered;
    }
    return rendered.deepCopy();
  }

  private ObjectNode render() {
    Node root = new Node();
    for (FieldPath path : paths) {
      Node node = root;
      for (PathElement element : path.elements()) {
        node = node.children.computeIfAbsent(element.encode(), k -> new Node());
      }
      node.member = true;
    }
    return root.render();
  }

  /** Reads a {@code fieldsV1} tree; throws {@link IllegalArgumentException} when it is malformed. */
  public static FieldSet fromFieldsV1(JsonNode fieldsV1) {
    Set<FieldPath> paths = new LinkedHashSet<>();
    if (fieldsV1 != null && !fieldsV1.isNull() && !fieldsV1.isMissingNode()) {
      if (!fieldsV1.isObject()) {
        throw new IllegalArgumentException("fieldsV1 must be an object");
      }
      read(FieldPath.ROOT, fieldsV1, paths);
    }
    FieldSet set = new FieldSet(paths);
    if (fieldsV1 instanceof ObjectNode tree && !paths.isEmpty() && canonical(tree)) {
      set.fieldsV1 = tree; // what this server rendered before: rendering the same paths gives the same tree
    }
    return set;
  }

  /** Whether the tree is in the form {@link #render()} gives: {@code "."} first and only with members, keys sorted. */
  private static boolean canonical(JsonNode tree) {
    String previous = null;
    boolean member = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = entry.getKey();
      if (key.equals(".")) {
        if (previous != null || !entry.getValue().isEmpty()) {
          return false;
        }
        member = true;
      } else if (previous != null && previous.compareTo(key) >= 0 || !canonical(entry.getValue())) {
        return false;
      }
      previous = key;
    }
    return !member || tree.size() > 1;
  }

  private static void read(FieldPath at, JsonNode tree, Set<FieldPath> into) {
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (entry.getKey().equals(".")) {
        into.add(at);
        continue;
      }
      FieldPath child = at.child(PathElement.decode(entry.getKey()));
      if (!entry.getValue().isObject()) {
        throw new IllegalArgumentException("fieldsV1 entry " + entry.getKey() + " must be an object");
      }
      if (entry.getValue().isEmpty()) {
        into.add(child);
      } else {
        read(child, entry.getValue(), into);
      }
    }
  }

  private static final class Node {
    final Map<String, Node> children = new LinkedHashMap<>();
    boolean member;

    ObjectNode render() {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      if (member && !children.isEmpty()) {
        out.putObject(".");
      }
      children.entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> out.set(e.getKey(), e.getValue().render()));
      return out;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSet other && paths.equals(other.paths);
  }

  @Override
  public int hashCode() {
    return paths.hashCode();
  }

  @Override
  public String toString() {
    return paths.toString();
  }
}
