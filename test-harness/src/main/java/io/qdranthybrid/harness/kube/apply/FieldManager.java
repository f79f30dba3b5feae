package io.qdranthybrid.harness.kube.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Field ownership as the real API server tracks it in {@code metadata.managedFields}
 * (k8s.io/apiserver/pkg/endpoints/handlers/fieldmanager, sigs.k8s.io/structured-merge-diff/merge/update.go):
 * an update gives its manager the fields it changed and takes them from everyone else; an apply merges the
 * configuration, refuses to change fields others own unless forced, makes the manager own exactly what it
 * applied, and removes what it applied before but no longer does when nobody else owns it. Pure functions on trees.
 */
public final class FieldManager {

  /** Which part of the object a request may write: the whole object, all but status, or status only. */
  public enum Scope { WHOLE, MAIN, STATUS }

  /**
   * Who writes and how.
   *
   * @param manager     the field manager
   * @param subresource {@code ""}, {@code status} or {@code scale}, recorded in the entry
   * @param scope       which fields the request may set
   * @param apiVersion  the apiVersion the manager wrote with
   * @param now         the time to record, RFC 3339 in seconds
   */
  public record Request(String manager, String subresource, Scope scope, String apiVersion, String now) {
  }

  /** Metadata the server owns or derives: never tracked (fieldmanager/internal/stripmeta.go). */
  private static final List<String> STRIPPED_METADATA = List.of("name", "namespace", "uid", "resourceVersion",
      "generation", "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp",
      "deletionGracePeriodSeconds");

  private FieldManager() {
  }

  /**
   * Merges {@code config} into {@code live} (null on create) for the request's manager and returns the new object,
   * {@code metadata.managedFields} included. Throws {@link ApplyConflictException} when it would change fields
   * another manager owns and {@code force} is false.
   */
  public static ObjectNode apply(ObjectNode live, ObjectNode config, Request request, boolean force,
                                 MergeRules rules) {
    ObjectNode base = live == null ? config.objectNode() : live;
    List<ManagedFieldsEntry> entries = entriesOf(base, true);
    ObjectNode scopedConfig = scoped(config, request.scope());
    ObjectNode merged = StructuredMerge.merge(base, scopedConfig, rules);
    ObjectNode before = tracked(base);
    FieldSet applied = ObjectFields.applied(tracked(scopedConfig), rules);
    FieldSet changed = ObjectFields.compare(before, tracked(merged), rules).changed();

    ManagedFieldsEntry own = find(entries, request.manager(), ManagedFieldsEntry.APPLY, request.subresource());
    List<ApplyConflictException.Conflict> conflicts = new ArrayList<>();
    List<ManagedFieldsEntry> next = new ArrayList<>();
    for (ManagedFieldsEntry entry : entries) {
      if (entry == own) {
        continue;
      }
      FieldSet taken = entry.fields().intersect(changed);
      if (entry.manager().equals(request.manager())) {
        next.add(entry.withFields(entry.fields().minus(taken))); // a manager never conflicts with itself
        continue;
      }
      taken.sorted().forEach(path -> conflicts.add(new ApplyConflictException.Conflict(entry.describe(), path)));
      next.add(entry.withFields(entry.fields().minus(taken)));
    }
    if (!conflicts.isEmpty() && !force) {
      throw new ApplyConflictException(conflicts);
    }
    FieldSet previous = own == null ? FieldSet.EMPTY : own.fields();
    FieldSet ownedByOthers = FieldSet.EMPTY;
    for (ManagedFieldsEntry entry : next) {
      ownedByOthers = ownedByOthers.union(entry.fields());
    }
    for (FieldPath dropped : previous.minus(applied).minus(ownedByOthers).sorted()) {
      if (!ownsBelow(ownedByOthers, dropped) && !applied.paths().stream().anyMatch(p -> p.startsWith(dropped))) {
        StructuredMerge.remove(merged, dropped, rules);
      }
    }
    boolean objectChanged = !ObjectFields.compare(before, tracked(merged), rules).isSame();
    if (!objectChanged && conflicts.isEmpty() && own != null && own.fields().equals(applied)) {
      copyManagedFields(base, merged); // nothing changed: the entry keeps its time, so the stored object is unchanged
      return merged;
    }
    next.add(new ManagedFieldsEntry(request.manager(), ManagedFieldsEntry.APPLY, request.apiVersion(), request.now(),
        request.subresource(), applied));
    write(merged, next);
    return merged;
  }

  /**
   * Records an update (create, update, patch) of {@code before} (null on create) into {@code after}: the manager's
   * Update entry gains the fields that changed, other managers lose them. {@code after}'s own managedFields, when a
   * client sent them, replace the stored ones as the real server allows.
   */
  public static void recordUpdate(ObjectNode before, ObjectNode after, Request request, MergeRules rules) {
    JsonNode sent = after.path("metadata").get("managedFields");
    boolean clientSent = sent != null && !sent.isNull() && (before == null
        || !sent.equals(before.path("metadata").get("managedFields")));
    ObjectNode owner = clientSent || before == null ? after : before;
    List<ManagedFieldsEntry> entries = entriesOf(owner, owner == before);
    ObjectFields.Comparison comparison = ObjectFields.compare(before == null ? after.objectNode() : trackedView(before),
        trackedView(after), rules);
    if (comparison.isSame()) {
      copyManagedFields(owner, after);
      return;
    }
    FieldSet changed = comparison.changed();
    List<ManagedFieldsEntry> next = new ArrayList<>();
    ManagedFieldsEntry own = find(entries, request.manager(), ManagedFieldsEntry.UPDATE, request.subresource());
    for (ManagedFieldsEntry entry : entries) {
      if (entry != own) {
        next.add(entry.withFields(entry.fields().minus(changed).minus(comparison.removed())));
      }
    }
    FieldSet mine = (own == null ? FieldSet.EMPTY : own.fields()).minus(comparison.removed()).union(changed);
    next.add(new ManagedFieldsEntry(request.manager(), ManagedFieldsEntry.UPDATE, request.apiVersion(), request.now(),
        request.subresource(), mine));
    write(after, next);
  }

  /** The part of an object whose fields are tracked: no apiVersion, kind or server-owned metadata. */
  static ObjectNode tracked(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    copy.remove(List.of("apiVersion", "kind"));
    if (copy.get("metadata") instanceof ObjectNode metadata) {
      metadata.remove(STRIPPED_METADATA);
      if (metadata.isEmpty()) {
        copy.remove("metadata");
      }
    }
    return copy;
  }

  /**
   * The tracked part of an object for reading only: like {@link #tracked} but sharing the object's members instead
   * of copying them, so that recording an update does not copy every object written.
   */
  private static ObjectNode trackedView(ObjectNode object) {
    ObjectNode view = object.objectNode();
    object.fields().forEachRemaining(field -> {
      String name = field.getKey();
      if (name.equals("metadata") && field.getValue() instanceof ObjectNode metadata) {
        ObjectNode kept = object.objectNode();
        metadata.fields().forEachRemaining(m -> {
          if (!STRIPPED_METADATA.contains(m.getKey())) {
            kept.set(m.getKey(), m.getValue());
          }
        });
        if (!kept.isEmpty()) {
          view.set(name, kept);
        }
      } else if (!name.equals("apiVersion") && !name.equals("kind")) {
        view.set(name, field.getValue());
      }
    });
    return view;
  }

  /** The configuration a request may apply: status is reset on the main resource, all else on /status. */
  private static ObjectNode scoped(ObjectNode config, Scope scope) {
    return switch (scope) {
      case WHOLE -> config;
      case MAIN -> {
        ObjectNode copy = config.deepCopy();
        copy.remove("status");
        yield copy;
      }
      case STATUS -> {
        ObjectNode copy = config.objectNode();
        if (config.has("status")) {
          copy.set("status", config.get("status").deepCopy());
        }
        yield copy;
      }
    };
  }

  private static boolean ownsBelow(FieldSet owned, FieldPath path) {
    return owned.paths().stream().anyMatch(p -> !p.equals(path) && p.startsWith(path));
  }

  /** @param stored whether the entries are the stored object's (checked when written), not a client's */
  private static List<ManagedFieldsEntry> entriesOf(ObjectNode object, boolean stored) {
    JsonNode managedFields = object.path("metadata").get("managedFields");
    try {
      return new ArrayList<>(stored ? ManagedFieldsEntry.readStored(managedFields)
          : ManagedFieldsEntry.read(managedFields));
    } catch (IllegalArgumentException e) {
      // The real server resets managed fields it cannot decode rather than failing the write.
      return new ArrayList<>();
    }
  }

  private static ManagedFieldsEntry find(List<ManagedFieldsEntry> entries, String manager, String operation,
                                         String subresource) {
    return entries.stream().filter(e -> e.sameOwner(manager, operation, subresource)).findFirst().orElse(null);
  }

  private static void copyManagedFields(ObjectNode from, ObjectNode to) {
    JsonNode managed = from.path("metadata").get("managedFields");
    ObjectNode metadata = metadataOf(to);
    if (managed == null || managed.isNull()) {
      metadata.remove("managedFields");
    } else {
      metadata.set("managedFields", managed.deepCopy());
    }
  }

  private static void write(ObjectNode object, List<ManagedFieldsEntry> entries) {
    ObjectNode metadata = metadataOf(object);
    var rendered = ManagedFieldsEntry.render(entries);
    if (rendered.isEmpty()) {
      metadata.remove("managedFields");
    } else {
      metadata.set("managedFields", rendered);
    }
  }

  private static ObjectNode metadataOf(ObjectNode object) {
    return object.get("metadata") instanceof ObjectNode m ? m : object.putObject("metadata");
  }

  static ObjectNode emptyObject() {
    return JsonNodeFactory.instance.objectNode();
  }
}
