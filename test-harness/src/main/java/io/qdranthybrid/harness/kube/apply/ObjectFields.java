package io.qdranthybrid.harness.kube.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The field paths of an object under a kind's {@link MergeRules}: what an applied configuration sets (its leaves,
 * its list items and its empty objects, as structured-merge-diff's typed.ToFieldSet), and how two objects differ
 * (added, modified and removed paths, as typed.Compare).
 */
public final class ObjectFields {

  /** Paths present only in the new object, leaves whose value changed, paths present only in the old one. */
  public record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {

    public FieldSet changed() {
      return added.union(modified);
    }

    public boolean isSame() {
      return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
    }
  }

  private ObjectFields() {
  }

  /** The fields an applied configuration sets. */
  public static FieldSet applied(ObjectNode config, MergeRules rules) {
    Set<FieldPath> into = new LinkedHashSet<>();
    walk(FieldPath.ROOT, new ArrayList<>(), config, rules, into, null);
    return new FieldSet(into);
  }

  /**
   * Compares the two objects member by member and walks only the members that differ: a write usually changes a
   * few fields of an object of hundreds, and a member equal on both sides holds no added, modified or removed path.
   * Same result as diffing the complete path maps ({@link #nodesAt}) of both objects: a member's paths are its own.
   */
  public static Comparison compare(ObjectNode before, ObjectNode after, MergeRules rules) {
    Set<FieldPath> added = new LinkedHashSet<>();
    Set<FieldPath> modified = new LinkedHashSet<>();
    Set<FieldPath> removed = new LinkedHashSet<>();
    compareMembers(FieldPath.ROOT, new ArrayList<>(), before, after, rules, added, modified, removed);
    return new Comparison(new FieldSet(added), new FieldSet(modified), new FieldSet(removed));
  }

  /** Both objects are containers walked member by member at {@code path} (the root, or a non-atomic map). */
  private static void compareMembers(FieldPath path, List<String> fields, ObjectNode before, ObjectNode after,
                                     MergeRules rules, Set<FieldPath> added, Set<FieldPath> modified,
                                     Set<FieldPath> removed) {
    after.fields().forEachRemaining(field -> {
      JsonNode now = field.getValue();
      JsonNode old = before.get(field.getKey());
      if (now.equals(old)) {
        return;
      }
      FieldPath child = path.child(new PathElement.Field(field.getKey()));
      fields.add(field.getKey());
      if (old instanceof ObjectNode oldObject && now instanceof ObjectNode nowObject && !oldObject.isEmpty()
          && !nowObject.isEmpty() && !rules.atomicMap(fields)) {
        compareMembers(child, fields, oldObject, nowObject, rules, added, modified, removed);
      } else {
        diff(nodesAt(child, fields, old, rules), nodesAt(child, fields, now, rules), added, modified, removed);
      }
      fields.remove(fields.size() - 1);
    });
    before.fields().forEachRemaining(field -> {
      if (!after.has(field.getKey())) {
        fields.add(field.getKey());
        removed.addAll(nodesAt(path.child(new PathElement.Field(field.getKey())), fields, field.getValue(), rules)
            .keySet());
        fields.remove(fields.size() - 1);
      }
    });
  }

  /**
   * Every node's path below {@code path} with its value when it is a leaf (scalar, atomic list or map, empty
   * object) or a marker when it has members below it, so that comparing two maps finds added, removed and changed
   * paths. Empty for an absent value.
   */
  private static Map<FieldPath, JsonNode> nodesAt(FieldPath path, List<String> fields, JsonNode value,
                                                  MergeRules rules) {
    Map<FieldPath, JsonNode> into = new LinkedHashMap<>();
    if (value != null) {
      walk(path, fields, value, rules, new LinkedHashSet<>(), into);
    }
    return into;
  }

  private static void diff(Map<FieldPath, JsonNode> old, Map<FieldPath, JsonNode> now, Set<FieldPath> added,
                           Set<FieldPath> modified, Set<FieldPath> removed) {
    old.keySet().stream().filter(path -> !now.containsKey(path)).forEach(removed::add);
    now.forEach((path, value) -> {
      JsonNode previous = old.get(path);
      if (previous == null) {
        added.add(path);
      } else if (!previous.equals(value)) {
        modified.add(path);
      }
    });
  }

  /**
   * Walks a value. {@code applied} receives what ToFieldSet would; {@code all}, when given, receives every node
   * (containers with a marker value so that a container only "changes" through its members).
   */
  private static void walk(FieldPath path, List<String> fields, JsonNode value, MergeRules rules,
                           Set<FieldPath> applied, Map<FieldPath, JsonNode> all) {
    if (value instanceof ObjectNode object) {
      boolean atomic = !path.isRoot() && rules.atomicMap(fields);
      if (!path.isRoot() && (object.isEmpty() || atomic)) {
        applied.add(path);
        if (all != null) {
          all.put(path, object);
        }
        return;
      }
      if (all != null && !path.isRoot()) {
        all.put(path, MARKER);
      }
      object.fields().forEachRemaining(field -> {
        fields.add(field.getKey());
        walk(path.child(new PathElement.Field(field.getKey())), fields, field.getValue(), rules, applied, all);
        fields.remove(fields.size() - 1);
      });
      return;
    }
    if (value instanceof ArrayNode array) {
      MergeRules.ListType listType = rules.listType(fields);
      if (listType.kind() == MergeRules.ListType.Kind.ATOMIC) {
        applied.add(path);
        if (all != null) {
          all.put(path, array);
        }
        return;
      }
      if (all != null) {
        all.put(path, MARKER);
      }
      for (JsonNode item : array) {
        PathElement element = elementOf(listType, item);
        if (element == null) {
          // An item without its keys cannot be addressed: own the list as a whole, as a malformed list would be.
          applied.add(path);
          if (all != null) {
            all.put(path, array);
          }
          return;
        }
        FieldPath itemPath = path.child(element);
        applied.add(itemPath);
        if (listType.kind() == MergeRules.ListType.Kind.SET || !(item instanceof ObjectNode)) {
          if (all != null) {
            all.put(itemPath, item);
          }
          continue;
        }
        if (all != null) {
          all.put(itemPath, MARKER);
        }
        item.fields().forEachRemaining(field -> {
          fields.add(field.getKey());
          walk(itemPath.child(new PathElement.Field(field.getKey())), fields, field.getValue(), rules, applied, all);
          fields.remove(fields.size() - 1);
        });
      }
      return;
    }
    applied.add(path);
    if (all != null) {
      all.put(path, value);
    }
  }

  static PathElement elementOf(MergeRules.ListType listType, JsonNode item) {
    if (listType.kind() == MergeRules.ListType.Kind.SET) {
      return item.isContainerNode() ? null : new PathElement.Value(item);
    }
    ObjectNode key = listType.keyOf(item);
    return key == null ? null : new PathElement.Key(key);
  }

  /** Stands for "has members": a container's own value never differs, only its members do. */
  private static final JsonNode MARKER = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
}
