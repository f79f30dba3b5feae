package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.zjsonpatch.JsonPatch;
import io.qdranthybrid.harness.kube.apply.MergeRules;
import io.qdranthybrid.harness.kube.apply.StrategicMergePatch;
import io.fabric8.zjsonpatch.JsonPatchException;

import java.io.IOException;

/**
 * The patch formats of the Kubernetes API applied to a JSON tree: JSON Patch (RFC 6902), JSON Merge Patch
 * (RFC 7386) and, for built-in kinds only, strategic merge patch, which follows the kind's patch merge keys
 * ({@link StrategicMergePatch}); server-side apply is {@code apply.FieldManager}'s job.
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

  /**
   * Applies a patch body of the given media type to a copy of the target and returns the copy. A strategic merge
   * patch follows {@code builtinRules}, the patch merge keys of the built-in kind; a custom resource (null rules)
   * has none, and the real server refuses it with 415 before reading the body.
   */
  ObjectNode apply(String mediaType, ObjectNode target, String body, MergeRules builtinRules) {
    return switch (mediaType) {
      case JSON_PATCH -> jsonPatch(target, body);
      case MERGE_PATCH -> mergePatch(target.deepCopy(), readObject(body, json));
      case STRATEGIC_MERGE_PATCH -> {
        if (builtinRules == null) {
          throw ApiException.unsupportedPatchType(ApiException.CUSTOM_RESOURCE_PATCH_TYPES);
        }
        yield StrategicMergePatch.apply(target, readObject(body, json), builtinRules);
      }
      // Only the Scale view is patched here by apply; it has no lists, so apply merges as a merge patch does.
      case APPLY_PATCH -> mergePatch(target.deepCopy(), readApplied(body));
      default -> throw ApiException.unsupportedPatchType(builtinRules == null
          ? ApiException.CUSTOM_RESOURCE_PATCH_TYPES
          : "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, "
              + "application/strategic-merge-patch+json");
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
}
