package io.qdranthybrid.harness.kube.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled schemas of one CustomResourceDefinition, one per version, and what the real apiextensions-apiserver
 * does with them on every write of a custom resource: prune, default, validate. Pure functions over Jackson
 * trees; compile once per CRD change (see {@link CustomResourceSchemas}), use for every request.
 */
public final class CustomResourceSchema {

  /**
   * What a write turned out to be.
   *
   * @param pruned the paths of the unknown fields that were dropped, for {@code unknown field} warnings
   * @param errors the violations, empty when the object is valid
   */
  public record Outcome(List<String> pruned, List<FieldError> errors) {

    public boolean valid() {
      return errors.isEmpty();
    }
  }

  private final Map<String, SchemaNode> byVersion;

  private CustomResourceSchema(Map<String, SchemaNode> byVersion) {
    this.byVersion = byVersion;
  }

  /** Compiles every version's {@code schema.openAPIV3Schema} of a CRD given as JSON. */
  public static CustomResourceSchema compile(JsonNode crd) {
    Map<String, SchemaNode> versions = new HashMap<>();
    JsonNode spec = crd.path("spec");
    JsonNode shared = spec.path("validation").path("openAPIV3Schema");
    for (JsonNode version : spec.path("versions")) {
      JsonNode schema = version.path("schema").path("openAPIV3Schema");
      if (!schema.isObject()) {
        schema = shared;
      }
      versions.put(version.path("name").asText(), SchemaCompiler.compile(schema.isObject() ? schema : null));
    }
    return new CustomResourceSchema(Map.copyOf(versions));
  }

  /** Whether the CRD declares the version. */
  public boolean hasVersion(String version) {
    return byVersion.containsKey(version);
  }

  /**
   * Prunes unknown fields from {@code object}, applies defaults and validates it, in that order, as the real
   * server decodes, defaults and validates a write. {@code object} is changed in place; {@code old} (the stored
   * object on updates, null on create) is only read, for transition rules.
   */
  public Outcome admit(String version, ObjectNode object, ObjectNode old) {
    SchemaNode root = byVersion.get(version);
    if (root == null) {
      return new Outcome(List.of(), List.of());
    }
    List<String> pruned = Pruner.prune(object, root);
    Defaulter.apply(object, root);
    return new Outcome(pruned, SchemaValidator.validate(object, old, root));
  }

  /** Applies defaults to a stored object, as the real server does when it reads objects from etcd. */
  public boolean applyDefaults(String version, ObjectNode object) {
    SchemaNode root = byVersion.get(version);
    return root != null && Defaulter.apply(object, root);
  }
}
