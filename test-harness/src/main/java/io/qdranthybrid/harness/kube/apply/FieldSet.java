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

  /**
   * The paths; null until first needed when the set was read from a {@code fieldsV1} tree. Every write reads every
   * manager's entry, and most are other managers' entries the write does not touch: they are checked against the
   * few changed paths on the tree itself ({@link #minus}) and written back as read, never decoded.
   */
  private volatile Set<FieldPath> paths;
  /**
   * The {@code fieldsV1} form, once rendered or as read (then canonical, so rendering the same paths gives the same
   * tree). Never handed out, only copies of it.
   */
  private volatile ObjectNode fieldsV1;

  public FieldSet(Collection<FieldPath> paths) {
    this.paths = Collections.unmodifiableSet(new LinkedHashSet<>(paths));
  }

  private FieldSet(ObjectNode canonicalTree) {
    this.fieldsV1 = canonicalTree;
  }

  public Set<FieldPath> paths() {
    Set<FieldPath> decoded = paths;
    if (decoded == null) {
      Set<FieldPath> read = new LinkedHashSet<>();
      read(FieldPath.ROOT, fieldsV1, read);
      decoded = Collections.unmodifiableSet(read);
      paths = decoded;
    }
    return decoded;
  }

  public boolean isEmpty() {
    Set<FieldPath> decoded = paths;
    return decoded == null ? fieldsV1.isEmpty() : decoded.isEmpty();
  }

  public boolean contains(FieldPath path) {
    Set<FieldPath> decoded = paths;
    return decoded == null ? treeContains(fieldsV1, path) : decoded.contains(path);
  }

  public FieldSet union(FieldSet other) {
    if (other.isEmpty() || paths().containsAll(other.paths())) {
      return this;
    }
    Set<FieldPath> all = new LinkedHashSet<>(paths());
    all.addAll(other.paths());
    return new FieldSet(all);
  }

  public FieldSet minus(FieldSet other) {
    if (isEmpty() || other.isEmpty() || disjoint(other)) {
      return this;
    }
    Set<FieldPath> rest = new LinkedHashSet<>(paths());
    rest.removeAll(other.paths());
    return new FieldSet(rest);
  }

  private boolean disjoint(FieldSet other) {
    if (paths == null && other.paths != null) {
      return other.paths.stream().noneMatch(this::contains); // few changed paths looked up in an unread tree
    }
    Set<FieldPath> mine = paths();
    Set<FieldPath> theirs = other.paths();
    Set<FieldPath> smaller = mine.size() <= theirs.size() ? mine : theirs;
    Set<FieldPath> larger = smaller == mine ? theirs : mine;
    for (FieldPath path : smaller) {
      if (larger.contains(path)) {
        return false;
      }
    }
    return true;
  }

  /** Whether a canonical {@code fieldsV1} tree holds {@code path}: a leaf {@code {}}, or a node marked {@code "."}. */
  private static boolean treeContains(JsonNode tree, FieldPath path) {
    if (path.isRoot()) {
      return tree.has(".");
    }
    JsonNode node = tree;
    for (PathElement element : path.elements()) {
      node = node.get(element.encode());
      if (node == null) {
        return false;
      }
    }
    return node.isEmpty() || node.has(".");
  }

  public FieldSet intersect(FieldSet other) {
    if (paths == null && other.paths != null) {
      if (other.paths.stream().noneMatch(this::contains)) {
        return EMPTY; // the usual answer for another manager's entry, without decoding it
      }
    }
    Set<FieldPath> both = new LinkedHashSet<>(paths());
    both.retainAll(other.paths());
    return new FieldSet(both);
  }

  /** The paths sorted the way conflict messages list them (by their printed form). */
  public List<FieldPath> sorted() {
    return paths().stream().sorted(Comparator.comparing(FieldPath::toString)).toList();
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
    for (FieldPath path : paths()) {
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
    if (fieldsV1 != null && !fieldsV1.isNull() && !fieldsV1.isMissingNode() && !fieldsV1.isObject()) {
      throw new IllegalArgumentException("fieldsV1 must be an object");
    }
    Set<FieldPath> paths = new LinkedHashSet<>();
    if (fieldsV1 instanceof ObjectNode tree) {
      read(FieldPath.ROOT, tree, paths);
    }
    FieldSet set = new FieldSet(paths);
    if (fieldsV1 instanceof ObjectNode tree && !paths.isEmpty() && canonical(tree)) {
      set.fieldsV1 = tree; // what this server rendered before: rendering the same paths gives the same tree
    }
    return set;
  }

  /**
   * A {@code fieldsV1} tree this server stored (validated when it was written), decoded only when its paths are
   * needed; anything else is read at once by {@link #fromFieldsV1}.
   */
  public static FieldSet fromStoredFieldsV1(JsonNode fieldsV1) {
    if (fieldsV1 instanceof ObjectNode tree && !tree.isEmpty() && canonical(tree)) {
      return new FieldSet(tree);
    }
    return fromFieldsV1(fieldsV1);
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
      } else if (previous != null && previous.compareTo(key) >= 0 || !entry.getValue().isObject()
          || !canonical(entry.getValue())) {
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
    return o instanceof FieldSet other && paths().equals(other.paths());
  }

  @Override
  public int hashCode() {
    return paths().hashCode();
  }

  @Override
  public String toString() {
    return paths().toString();
  }
}
