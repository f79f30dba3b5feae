package io.qdranthybrid.harness.kube.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops the fields a structural schema does not declare, as
 * k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning/algorithm.go does: unknown fields go unless the
 * node says {@code x-kubernetes-preserve-unknown-fields}; {@code apiVersion}, {@code kind} and {@code metadata}
 * stay at the root and in {@code x-kubernetes-embedded-resource} objects, whose metadata keeps only ObjectMeta
 * fields. Returns the pruned paths (e.g. {@code spec.foo}, {@code spec.nodes[0].bar}) for the unknown-field
 * warnings.
 */
final class Pruner {

  /** The fields of ObjectMeta; anything else in a resource's metadata is dropped. */
  static final Set<String> OBJECT_META_FIELDS = Set.of("name", "generateName", "namespace", "selfLink", "uid",
      "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
      "labels", "annotations", "ownerReferences", "finalizers", "managedFields");

  private static final Set<String> RESOURCE_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private Pruner() {
  }

  /** Prunes the object (a whole custom resource) in place. */
  static List<String> prune(ObjectNode resource, SchemaNode root) {
    List<String> pruned = new ArrayList<>();
    pruneResource(resource, root, "", pruned);
    return pruned;
  }

  private static void pruneResource(ObjectNode resource, SchemaNode schema, String path, List<String> pruned) {
    if (resource.get("metadata") instanceof ObjectNode metadata) {
      for (Iterator<String> it = metadata.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!OBJECT_META_FIELDS.contains(field)) {
          pruned.add(child(child(path, "metadata"), field));
          it.remove();
        }
      }
    }
    pruneObject(resource, schema, path, pruned, RESOURCE_FIELDS);
  }

  private static void prune(JsonNode value, SchemaNode schema, String path, List<String> pruned) {
    if (schema == null) {
      return;
    }
    if (value instanceof ObjectNode object) {
      if (schema.embeddedResource) {
        pruneResource(object, schema, path, pruned);
      } else {
        pruneObject(object, schema, path, pruned, Set.of());
      }
    } else if (value instanceof ArrayNode array && schema.items != null) {
      for (int i = 0; i < array.size(); i++) {
        prune(array.get(i), schema.items, path + "[" + i + "]", pruned);
      }
    }
  }

  private static void pruneObject(ObjectNode object, SchemaNode schema, String path, List<String> pruned,
                                  Set<String> kept) {
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      if (kept.contains(name)) {
        continue;
      }
      SchemaNode property = schema.property(name);
      if (property != null) {
        prune(field.getValue(), property, child(path, name), pruned);
      } else if (schema.additionalProperties != null) {
        prune(field.getValue(), schema.additionalProperties, child(path, name), pruned);
      } else if (!schema.preserveUnknownFields && !schema.additionalPropertiesAny) {
        pruned.add(child(path, name));
        it.remove();
      }
    }
  }

  static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
