package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdranthybrid.harness.kube.apply.ApplyConflictException;
import io.qdranthybrid.harness.kube.apply.BuiltinMergeRules;
import io.qdranthybrid.harness.kube.apply.FieldManager;
import io.qdranthybrid.harness.kube.apply.MergeRules;
import io.qdranthybrid.harness.kube.apply.SchemaMergeRules;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connects {@link FieldManager} to the store: which merge rules a type follows (its CRD's schema, or the built-in
 * kind's markers) and how an apply conflict is answered (409 Conflict with one {@code FieldManagerConflict} cause
 * per field, k8s.io/apimachinery/pkg/api/errors NewApplyConflict).
 */
final class FieldManagement {

  /** The manager of writes the server makes itself, such as a CRD's Established condition. */
  static final String SERVER_MANAGER = "kube-apiserver";

  private record CachedRules(long resourceVersion, MergeRules rules) {
  }

  private final ObjectStore store;
  private final ResourceType crdType;
  private final Map<ResourceType, CachedRules> schemaRules = new ConcurrentHashMap<>();
  private final Map<String, MergeRules> builtinRules = new ConcurrentHashMap<>();
  private final BuiltinWrites builtins = new BuiltinWrites();

  FieldManagement(ObjectStore store) {
    this.store = store;
    this.crdType = new ResourceType("apiextensions.k8s.io", "v1", "CustomResourceDefinition",
        "customresourcedefinitions", false, true, null);
  }

  /** Defaulting, immutability and canonical forms of built-in kinds, shared by every view of the writes. */
  BuiltinWrites builtins() {
    return builtins;
  }

  /** The manager a request names, or the one the real server derives from the User-Agent's product name. */
  static String managerOf(String fieldManager, String userAgent) {
    if (fieldManager != null && !fieldManager.isEmpty()) {
      if (fieldManager.length() > 128) {
        throw ApiException.badRequest("fieldManager: Too long: may not be longer than 128");
      }
      return fieldManager;
    }
    if (userAgent == null || userAgent.isEmpty()) {
      return "unknown";
    }
    // k8s.io/apiserver/pkg/endpoints/handlers/rest.go prefixFromUserAgent: the part before the first '/'.
    return userAgent.split("/", 2)[0];
  }

  ObjectNode apply(ResourceType type, ObjectNode live, ObjectNode config, FieldManager.Request request,
                   boolean force, String name) {
    try {
      return FieldManager.apply(live, config, request, force, rulesFor(type));
    } catch (ApplyConflictException e) {
      ArrayNode causes = JsonNodeFactory.instance.arrayNode();
      e.conflicts().forEach(c -> causes.addObject().put("reason", "FieldManagerConflict")
          .put("message", "conflict with " + c.owner()).put("field", c.path().toString()));
      throw new ApiException(409, "Conflict", e.getMessage(), type, name, null).withCauses(causes);
    }
  }

  void recordUpdate(ResourceType type, ObjectNode before, ObjectNode after, FieldManager.Request request) {
    FieldManager.recordUpdate(before, after, request, rulesFor(type));
  }

  /** The merge rules of a built-in kind; null for a custom resource. */
  MergeRules builtinRulesFor(ResourceType type) {
    MergeRules rules = rulesFor(type);
    return rules instanceof BuiltinMergeRules ? rules : null;
  }

  /**
   * The rules a strategic merge patch of the type's scale subresource follows: autoscaling/v1 Scale's for a built-in
   * kind; null for a custom resource, whose scale endpoint refuses strategic merge patch like its main one.
   */
  MergeRules scaleRulesFor(ResourceType type) {
    return builtinRulesFor(type) == null ? null : builtinRules.computeIfAbsent("Scale", BuiltinMergeRules::new);
  }

  MergeRules rulesFor(ResourceType type) {
    if (!type.group().isEmpty() && !type.equals(crdType)) {
      StoredObject crd = store.get(crdType, null, type.plural() + "." + type.group());
      if (crd != null) {
        CachedRules cached = schemaRules.get(type);
        if (cached == null || cached.resourceVersion() != crd.resourceVersion()) {
          cached = new CachedRules(crd.resourceVersion(), new SchemaMergeRules(schemaOf(crd.node(), type.version())));
          schemaRules.put(type, cached);
        }
        return cached.rules();
      }
    }
    return builtinRules.computeIfAbsent(type.kind(), BuiltinMergeRules::new);
  }

  private static JsonNode schemaOf(ObjectNode crd, String version) {
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (v.path("name").asText().equals(version)) {
        return v.path("schema").path("openAPIV3Schema");
      }
    }
    return JsonNodeFactory.instance.objectNode();
  }
}
