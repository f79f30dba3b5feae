package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The OpenAPI documents kube-apiserver publishes, built from the kinds served now: {@code /openapi/v3} (the index of
 * group-versions, k8s.io/kube-openapi pkg/handler3), {@code /openapi/v3/apis/<group>/<version>} (paths and schemas of
 * one group-version) and {@code /openapi/v2} (one swagger document, JSON only). A custom kind's schema is its CRD's
 * {@code openAPIV3Schema}; a built-in kind's is reduced to apiVersion, kind and metadata, with any other field kept.
 * Every schema carries {@code x-kubernetes-group-version-kind} and every PATCH the {@code fieldValidation} parameter,
 * which is what kubectl explain and kubectl's validation look for.
 */
final class OpenApiDocuments {

  private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
  private static final List<String> WRITE_PARAMETERS = List.of("dryRun", "fieldManager", "fieldValidation");
  private static final List<String> PATCH_TYPES = List.of("application/json-patch+json",
      "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml");

  private final ObjectMapper mapper;
  private final ResourceTypes types;

  OpenApiDocuments(ObjectMapper mapper, ResourceTypes types) {
    this.mapper = mapper;
    this.types = types;
  }

  /** {@code /openapi/v3}: each served group-version and where its document is, with a hash of its content. */
  ObjectNode v3Index() {
    ObjectNode root = mapper.createObjectNode();
    ObjectNode paths = root.putObject("paths");
    types.all().stream().map(t -> t.group() + "/" + t.version()).distinct().sorted().forEach(gv -> {
      String[] parts = gv.split("/", 2);
      String path = parts[0].isEmpty() ? "api/" + parts[1] : "apis/" + gv;
      String hash = hash(v3GroupVersion(parts[0], parts[1]).toString());
      paths.putObject(path).put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + hash);
    });
    return root;
  }

  /** {@code /openapi/v3/api/v1} or {@code /openapi/v3/apis/<group>/<version>}; null when nothing serves it. */
  ObjectNode v3GroupVersion(String group, String version) {
    List<ResourceType> served = types.all().stream()
        .filter(t -> t.group().equals(group) && t.version().equals(version))
        .sorted(Comparator.comparing(ResourceType::plural)).toList();
    if (served.isEmpty()) {
      return null;
    }
    ObjectNode doc = mapper.createObjectNode().put("openapi", "3.0.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", "v1.31.4+k3s1");
    ObjectNode paths = doc.putObject("paths");
    ObjectNode schemas = doc.putObject("components").putObject("schemas");
    schemas.set(OBJECT_META, objectMeta());
    for (ResourceType type : served) {
      schemas.set(schemaName(type), schema(type, "#/components/schemas/"));
      addPaths(paths, type, true);
    }
    return doc;
  }

  /** {@code /openapi/v2} as JSON: every served kind's definition and paths. */
  ObjectNode v2() {
    ObjectNode doc = mapper.createObjectNode().put("swagger", "2.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", "v1.31.4+k3s1");
    ObjectNode paths = doc.putObject("paths");
    ObjectNode definitions = doc.putObject("definitions");
    definitions.set(OBJECT_META, objectMeta());
    types.all().stream().sorted(Comparator.comparing(ResourceType::apiVersion).thenComparing(ResourceType::plural))
        .forEach(type -> {
          definitions.set(schemaName(type), schema(type, "#/definitions/"));
          addPaths(paths, type, false);
        });
    return doc;
  }

  /** The name kube-apiserver gives a kind's schema, e.g. io.qdrant.v1.QdrantCluster or io.k8s.api.apps.v1.StatefulSet. */
  static String schemaName(ResourceType type) {
    if (type.group().isEmpty() || type.group().endsWith(".k8s.io") && !type.group().startsWith("snapshot.")
        || !type.group().contains(".")) {
      String short_ = type.group().isEmpty() ? "core" : type.group().split("\\.")[0];
      return "io.k8s.api." + short_ + "." + type.version() + "." + type.kind();
    }
    String[] parts = type.group().split("\\.");
    StringBuilder reversed = new StringBuilder();
    for (int i = parts.length - 1; i >= 0; i--) {
      reversed.append(parts[i]).append('.');
    }
    return reversed + type.version() + "." + type.kind();
  }

  private ObjectNode schema(ResourceType type, String refPrefix) {
    JsonNode crdSchema = types.crdVersion(type).map(v -> v.path("schema").path("openAPIV3Schema")).orElse(null);
    ObjectNode schema;
    if (crdSchema != null && crdSchema.isObject()) {
      schema = crdSchema.deepCopy();
    } else {
      schema = mapper.createObjectNode().put("description", type.kind() + " (schema reduced by the simulated API "
          + "server: fields other than apiVersion, kind and metadata are not described)").put("type", "object");
      schema.put("x-kubernetes-preserve-unknown-fields", true);
    }
    ObjectNode properties = schema.has("properties") ? (ObjectNode) schema.get("properties")
        : schema.putObject("properties");
    properties.putObject("apiVersion").put("type", "string").put("description", "APIVersion defines the versioned "
        + "schema of this representation of an object.");
    properties.putObject("kind").put("type", "string").put("description", "Kind is a string value representing the "
        + "REST resource this object represents.");
    ObjectNode metadata = properties.putObject("metadata").put("description", "Standard object's metadata.");
    metadata.putArray("allOf").addObject().put("$ref", refPrefix + OBJECT_META);
    schema.putArray("x-kubernetes-group-version-kind").addObject().put("group", type.group())
        .put("kind", type.kind()).put("version", type.version());
    return schema;
  }

  private ObjectNode objectMeta() {
    ObjectNode meta = mapper.createObjectNode().put("description", "ObjectMeta is metadata that all persisted "
        + "resources must have.").put("type", "object");
    ObjectNode p = meta.putObject("properties");
    for (String field : List.of("name", "namespace", "generateName", "uid", "resourceVersion", "creationTimestamp",
        "deletionTimestamp")) {
      p.putObject(field).put("type", "string");
    }
    p.putObject("generation").put("type", "integer").put("format", "int64");
    for (String map : List.of("labels", "annotations")) {
      p.putObject(map).put("type", "object").putObject("additionalProperties").put("type", "string");
    }
    p.putObject("finalizers").put("type", "array").putObject("items").put("type", "string");
    p.putObject("ownerReferences").put("type", "array").putObject("items").put("type", "object")
        .put("x-kubernetes-preserve-unknown-fields", true);
    p.putObject("managedFields").put("type", "array").putObject("items").put("type", "object")
        .put("x-kubernetes-preserve-unknown-fields", true);
    return meta;
  }

  private void addPaths(ObjectNode paths, ResourceType type, boolean v3) {
    String base = (type.group().isEmpty() ? "/api/" : "/apis/" + type.group() + "/") + type.version()
        + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
    ObjectNode collection = paths.putObject(base);
    operation(collection, "get", "list", type, v3);
    operation(collection, "post", "post", type, v3);
    ObjectNode item = paths.putObject(base + "/{name}");
    operation(item, "get", "get", type, v3);
    operation(item, "put", "put", type, v3);
    operation(item, "patch", "patch", type, v3);
    operation(item, "delete", "delete", type, v3);
  }

  private void operation(ObjectNode path, String method, String action, ResourceType type, boolean v3) {
    ObjectNode op = path.putObject(method);
    op.put("operationId", action + type.kind() + "_" + type.group().replace('.', '_') + "_" + type.version());
    op.put("x-kubernetes-action", action);
    op.putObject("x-kubernetes-group-version-kind").put("group", type.group()).put("version", type.version())
        .put("kind", type.kind());
    ArrayNode parameters = op.putArray("parameters");
    if (!method.equals("get") && !method.equals("delete")) {
      for (String name : WRITE_PARAMETERS) {
        ObjectNode parameter = parameters.addObject().put("name", name).put("in", "query").put("uniqueItems", true);
        if (v3) {
          parameter.putObject("schema").put("type", "string");
        } else {
          parameter.put("type", "string");
        }
      }
    }
    if (method.equals("patch") && v3) {
      ObjectNode content = op.putObject("requestBody").putObject("content");
      // Strategic merge patch is not offered: built-in schemas are reduced (no patch merge keys), so kubectl computes
      // it from its own types instead; custom kinds never have it, like on the real server.
      PATCH_TYPES.stream().filter(t -> !t.contains("strategic"))
          .forEach(t -> content.putObject(t).putObject("schema").put("type", "object"));
    }
    op.putObject("responses").putObject("200").put("description", "OK");
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).toUpperCase(Locale.ROOT).substring(0, 128);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
