package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdranthybrid.harness.kube.schema.CustomResourceSchema;
import io.qdranthybrid.harness.kube.schema.CustomResourceSchemas;
import io.qdranthybrid.harness.kube.schema.InvalidObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The structural-schema step of every custom resource write, as apiextensions-apiserver runs it: prune unknown
 * fields (warning about each), apply defaults, validate; a violation refuses the write with 422 Invalid. Finds
 * the CRD of a type in the store under its name ({@code <plural>.<group>}); built-in kinds have none and pass.
 */
final class CustomResourceSchemaAdmission {

  static final ResourceType CRD_TYPE = new ResourceType("apiextensions.k8s.io", "v1", "CustomResourceDefinition",
      "customresourcedefinitions", false, true, null);

  private final ObjectStore store;
  private final ApiServerCpu cpu;
  private final CustomResourceSchemas schemas = new CustomResourceSchemas();

  CustomResourceSchemaAdmission(ObjectStore store, ApiServerCpu cpu) {
    this.store = store;
    this.cpu = cpu;
  }

  /** The compiled schema of a custom resource type, or null for built-in kinds. */
  CustomResourceSchema schemaOf(ResourceType type) {
    if (type.group().isEmpty()) {
      return null;
    }
    StoredObject crd = store.get(CRD_TYPE, null, type.storageKey());
    return crd == null ? null : schemas.of(crd.node());
  }

  /**
   * Applies the current defaults of a changed CRD to the stored objects of its types. The real server defaults
   * on every read from etcd, so objects written before a default was added read back with it; here the stored
   * copy is updated once per CRD change instead, without a new resourceVersion or watch event.
   */
  void defaultStored(List<ResourceType> types) {
    for (ResourceType type : types) {
      CustomResourceSchema schema = schemaOf(type);
      if (schema == null) {
        continue;
      }
      store.rewriteInPlace(type, stored -> {
        String apiVersion = stored.path("apiVersion").asText("");
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        ObjectNode copy = stored.deepCopy();
        boolean changed = schema.applyDefaults(schema.hasVersion(version) ? version : type.version(), copy);
        return changed ? copy : null;
      });
    }
  }

  /**
   * Prunes, defaults and validates {@code next} in place ({@code old}: the stored object, null on create).
   * Adds the unknown-field warnings to the response; throws 422 Invalid listing every violation.
   */
  void admit(ResourceType type, ObjectNode old, ObjectNode next) {
    CustomResourceSchema schema = schemaOf(type);
    if (schema == null) {
      return;
    }
    long startedAt = cpu.now();
    CustomResourceSchema.Outcome outcome = schema.admit(type.version(), next, old);
    cpu.admitted(startedAt);
    if (!outcome.pruned().isEmpty()) {
      List<String> unknown = new ArrayList<>(outcome.pruned().size());
      outcome.pruned().forEach(path -> unknown.add(InvalidObject.unknownFieldWarning(path)));
      switch (FieldValidation.current()) {
        case WARN -> ResponseWarnings.add(unknown);
        // The decoder's strict error, before any validation (k8s.io/apiserver/pkg/endpoints/handlers/rest.go).
        case STRICT -> throw ApiException.badRequest(type.kind() + " in version \"" + type.version()
            + "\" cannot be handled as a " + type.kind() + ": strict decoding error: " + String.join(", ", unknown));
        case IGNORE -> { }
      }
    }
    if (!outcome.valid()) {
      String name = next.path("metadata").path("name").asText("");
      throw ApiException.invalid(type, name, InvalidObject.message(outcome.errors()),
          InvalidObject.causes(outcome.errors()));
    }
  }
}
