package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.zjsonpatch.JsonPatch;
import io.qdranthybrid.harness.kube.apply.MergeRules;
import io.qdranthybrid.harness.kube.apply.StrategicMergePatch;
import io.fabric8.zjsonpatch.JsonPatchException;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The patch formats of the Kubernetes API applied to a JSON tree: JSON Patch (RFC 6902), JSON Merge Patch
 * (RFC 7386) and strategic merge patch, which follows the built-in kind's patch merge keys
 * ({@link StrategicMergePatch}); server-side apply is {@code apply.FieldManager}'s job. Without a kind's rules
 * (a custom resource) a strategic merge patch merges lists whose items all carry a {@code name} by name.
 */
final class Patches {

  static final String JSON_PATCH = "application/json-patch+json";
  static final String MERGE_PATCH = "application/merge-patch+json";
  static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  static final String APPLY_PATCH = "application/apply-patch+yaml";

  private final ObjectMapper json;
  private final YAMLMapper yaml = new YAMLMapper();

  Patches(ObjectMapper json) {
    this.json = json;
  }

  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(java.util.Locale.ROOT);
  }

  /** Applies a patch body of the given media type to a copy of the target and returns the copy. */
  ObjectNode apply(String mediaType, ObjectNode target, String body) {
    return apply(mediaType, target, body, null);
  }

  /**
   * As {@link #apply(String, ObjectNode, String)}; a strategic merge patch follows {@code builtinRules}, the patch
   * merge keys of the built-in kind (null for a custom resource, which the real server refuses to patch so).
   */
  ObjectNode apply(String mediaType, ObjectNode target, String body, MergeRules builtinRules) {
    if (mediaType.equals(STRATEGIC_MERGE_PATCH) && builtinRules != null) {
      return StrategicMergePatch.apply(target, readObject(body, json), builtinRules);
    }
    return switch (mediaType) {
      case JSON_PATCH -> jsonPatch(target, body);
      case MERGE_PATCH -> mergePatch(target.deepCopy(), readObject(body, json));
      case STRATEGIC_MERGE_PATCH -> strategicMerge(target.deepCopy(), readObject(body, json));
      case APPLY_PATCH -> strategicMerge(target.deepCopy(), readApplied(body));
      default -> throw ApiException.unsupportedMediaType("the body of the request was in an unknown format - "
          + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
          + "application/apply-patch+yaml, application/strategic-merge-patch+json (got \"" + mediaType + "\")");
    };
  }

  /** Reads a server-side apply body, which may be YAML or JSON. */
  ObjectNode readApplied(String body) {
    return readObject(body, yaml);
  }

  ObjectNode readObject(String body, ObjectMapper reader) {
    try {
      JsonNode node = reader.readTree(body == null ? "" : body);
      if (node == null || !node.isObject()) {
        throw ApiException.badRequest("the request body must be a JSON or YAML object");
      }
      return (ObjectNode) node;
    } catch (IOException e) {
      throw ApiException.badRequest("the request body is not valid JSON or YAML: " + e.getMessage());
    }
  }

  private ObjectNode jsonPatch(ObjectNode target, String body) {
    try {
      JsonNode patch = json.readTree(body);
      if (patch == null || !patch.isArray()) {
        throw ApiException.badRequest("a JSON patch must be an array of operations");
      }
      JsonNode result = JsonPatch.apply(patch, target);
      if (!result.isObject()) {
        throw ApiException.badRequest("the JSON patch did not produce an object");
      }
      return (ObjectNode) result;
    } catch (JsonPatchException e) {
      // The real server reports a failed "test" or a missing path as 422.
      throw new ApiException(422, "Invalid", "the JSON patch could not be applied: " + e.getMessage(), null, null,
          null);
    } catch (IOException e) {
      throw ApiException.badRequest("the JSON patch is not valid JSON: " + e.getMessage());
    }
  }

  static ObjectNode mergePatch(ObjectNode target, ObjectNode patch) {
    patch.fields().forEachRemaining(field -> {
      JsonNode value = field.getValue();
      if (value.isNull()) {
        target.remove(field.getKey());
      } else if (value.isObject() && target.get(field.getKey()) instanceof ObjectNode existing) {
        mergePatch(existing, (ObjectNode) value);
      } else {
        target.set(field.getKey(), value.deepCopy());
      }
    });
    return target;
  }

  static ObjectNode strategicMerge(ObjectNode target, ObjectNode patch) {
    patch.fields().forEachRemaining(field -> {
      JsonNode value = field.getValue();
      JsonNode existing = target.get(field.getKey());
      if (value.isNull()) {
        target.remove(field.getKey());
      } else if (value.isObject() && existing instanceof ObjectNode existingObject) {
        strategicMerge(existingObject, (ObjectNode) value);
      } else if (value.isArray() && existing instanceof ArrayNode existingArray && namedItems(existingArray)
          && namedItems((ArrayNode) value)) {
        target.set(field.getKey(), mergeByName(existingArray, (ArrayNode) value));
      } else {
        target.set(field.getKey(), value.deepCopy());
      }
    });
    return target;
  }

  private static boolean namedItems(ArrayNode array) {
    for (JsonNode item : array) {
      if (!item.isObject() || !item.path("name").isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static ArrayNode mergeByName(ArrayNode existing, ArrayNode patch) {
    Map<String, ObjectNode> merged = new LinkedHashMap<>();
    existing.forEach(item -> merged.put(item.get("name").asText(), ((ObjectNode) item).deepCopy()));
    for (Iterator<JsonNode> it = patch.elements(); it.hasNext(); ) {
      ObjectNode item = (ObjectNode) it.next();
      String name = item.get("name").asText();
      ObjectNode current = merged.get(name);
      merged.put(name, current == null ? item.deepCopy() : strategicMerge(current, item));
    }
    ArrayNode result = existing.arrayNode();
    merged.values().forEach(result::add);
    return result;
  }
}
