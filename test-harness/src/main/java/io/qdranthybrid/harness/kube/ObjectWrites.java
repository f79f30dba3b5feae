package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdranthybrid.harness.kube.apply.FieldManager;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the real API server's registry does on each write: defaulting server-owned metadata, the status
 * subresource split, generation, optimistic concurrency, finalizer-aware deletion and admission.
 * Every method runs its decision inside {@link ObjectStore#mutate} so it sees the latest stored state.
 */
final class ObjectWrites {

  private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";

  private final ObjectStore store;
  private final AdmissionRules admission;
  private final Patches patches;
  private final DefaultStorageClassAdmission defaultStorageClass;
  private final CustomResourceSchemaAdmission schemas;
  private final boolean persist;
  private final FieldManagement fields;
  private final String manager;
  private final boolean force;

  ObjectWrites(ObjectStore store, AdmissionRules admission, Patches patches,
               DefaultStorageClassAdmission defaultStorageClass, ApiServerCpu cpu) {
    this(store, admission, patches, defaultStorageClass, new CustomResourceSchemaAdmission(store, cpu), true,
        new FieldManagement(store), FieldManagement.SERVER_MANAGER, false);
  }

  private ObjectWrites(ObjectStore store, AdmissionRules admission, Patches patches,
                       DefaultStorageClassAdmission defaultStorageClass, CustomResourceSchemaAdmission schemas,
                       boolean persist, FieldManagement fields, String manager, boolean force) {
    this.store = store;
    this.admission = admission;
    this.patches = patches;
    this.defaultStorageClass = defaultStorageClass;
    this.schemas = schemas;
    this.persist = persist;
    this.fields = fields;
    this.manager = manager;
    this.force = force;
  }

  /** Re-applies a changed CRD's defaults to the stored objects of its types (the real server defaults on read). */
  void defaultStoredCustomResources(java.util.List<ResourceType> types) {
    schemas.defaultStored(types);
  }

  /** The same writes with {@code dryRun=All}: validated and admitted, answered, but neither stored nor watched. */
  ObjectWrites dryRun() {
    return new ObjectWrites(store, admission, patches, defaultStorageClass, schemas, false, fields, manager, force);
  }

  /** The same writes on behalf of a field manager; {@code forceApply} lets its applies take others' fields. */
  ObjectWrites as(String fieldManager, boolean forceApply) {
    return new ObjectWrites(store, admission, patches, defaultStorageClass, schemas, persist, fields, fieldManager,
        forceApply);
  }

  private FieldManager.Request fieldRequest(ResourceType type, String subresource) {
    FieldManager.Scope scope = "status".equals(subresource) ? FieldManager.Scope.STATUS
        : type.statusSubresource() ? FieldManager.Scope.MAIN : FieldManager.Scope.WHOLE;
    return new FieldManager.Request(manager, subresource, scope, type.apiVersion(), now());
  }

  StoredObject create(ResourceType type, String namespace, ObjectNode body) {
    ObjectNode metadata = metadataOf(body);
    String name = metadata.path("name").asText("");
    if (name.isEmpty()) {
      String prefix = metadata.path("generateName").asText("");
      if (prefix.isEmpty()) {
        throw ApiException.invalid(type, "", "metadata.name: Required value: name or generateName is required");
      }
      name = prefix + randomSuffix();
    }
    String bodyNamespace = metadata.path("namespace").asText("");
    if (type.namespaced() && !bodyNamespace.isEmpty() && namespace != null && !bodyNamespace.equals(namespace)) {
      throw ApiException.badRequest("the namespace of the provided object (" + bodyNamespace
          + ") does not match the namespace sent on the request (" + namespace + ")");
    }
    String objectNamespace = type.namespaced() ? (namespace != null ? namespace : bodyNamespace) : null;
    if (type.namespaced() && (objectNamespace == null || objectNamespace.isEmpty())) {
      throw ApiException.badRequest("a " + type.kind() + " must be created in a namespace");
    }
    String finalName = name;
    return store.mutate(type, objectNamespace, name, persist, current -> {
      if (current != null) {
        throw ApiException.alreadyExists(type, finalName);
      }
      ObjectNode next = prepareCreate(type, objectNamespace, finalName, body);
      fields.recordUpdate(type, null, next, fieldRequest(type, ""));
      admission.admit(type, null, next);
      return new ObjectStore.Put(next);
    });
  }

  /** PUT of the main resource. */
  StoredObject update(ResourceType type, String namespace, String name, ObjectNode body) {
    return store.mutate(type, namespace, name, persist, current -> {
      if (current == null) {
        throw ApiException.notFound(type, name);
      }
      return nextForUpdate(type, current, body, name, true);
    });
  }

  /** PUT of the status subresource: only .status changes. */
  StoredObject updateStatus(ResourceType type, String namespace, String name, ObjectNode body) {
    requireStatusSubresource(type);
    return store.mutate(type, namespace, name, persist, current -> {
      if (current == null) {
        throw ApiException.notFound(type, name);
      }
      return nextForStatus(type, current, body, name, true);
    });
  }

  /** PATCH of the main resource or of status; server-side apply creates the object when absent. */
  StoredObject patch(ResourceType type, String namespace, String name, String mediaType, String body,
                     boolean statusOnly) {
    if (statusOnly) {
      requireStatusSubresource(type);
    }
    return store.mutate(type, namespace, name, persist, current -> {
      if (current == null) {
        if (!mediaType.equals(Patches.APPLY_PATCH) || statusOnly) {
          throw ApiException.notFound(type, name);
        }
        ObjectNode applied = fields.apply(type, null, patches.readApplied(body), fieldRequest(type, ""), force, name);
        ObjectNode next = prepareCreate(type, namespace, name, applied);
        admission.admit(type, null, next);
        return new ObjectStore.Put(next);
      }
      boolean apply = mediaType.equals(Patches.APPLY_PATCH);
      ObjectNode patched = apply
          ? fields.apply(type, current.node(), patches.readApplied(body),
              fieldRequest(type, statusOnly ? "status" : ""), force, name)
          : patches.apply(mediaType, current.node(), body, fields.builtinRulesFor(type));
      return statusOnly ? nextForStatus(type, current, patched, name, !apply)
          : nextForUpdate(type, current, patched, name, !apply);
    });
  }

  /** DELETE: immediate without finalizers, otherwise marks the object as deleting and keeps it. */
  StoredObject delete(ResourceType type, String namespace, String name, DeleteOptions options) {
    return store.mutate(type, namespace, name, persist, current -> {
      if (current == null) {
        throw ApiException.notFound(type, name);
      }
      options.checkPreconditions(type, current);
      ObjectNode metadata = (ObjectNode) current.node().get("metadata");
      if (metadata.hasNonNull("deletionTimestamp")) {
        return ObjectStore.KEEP;
      }
      Set<String> added = new java.util.LinkedHashSet<>();
      if (options.propagationFinalizer() != null) {
        added.add(options.propagationFinalizer());
      }
      if (CustomResourceCleanup.isCrd(type)) {
        added.add(CustomResourceCleanup.FINALIZER);
      }
      if (metadata.path("finalizers").isEmpty() && added.isEmpty()) {
        return new ObjectStore.Remove(current.node());
      }
      ObjectNode next = current.node().deepCopy();
      ObjectNode nextMetadata = (ObjectNode) next.get("metadata");
      added.removeAll(strings(metadata.path("finalizers")));
      for (String finalizer : added) {
        JsonNode finalizers = nextMetadata.get("finalizers");
        (finalizers instanceof ArrayNode a ? a : nextMetadata.putArray("finalizers")).add(finalizer);
      }
      if (CustomResourceCleanup.isCrd(type)) {
        CustomResourceCleanup.markPending(next);
      }
      nextMetadata.put("deletionTimestamp", now());
      nextMetadata.put("deletionGracePeriodSeconds", options.gracePeriodSeconds());
      // The real registry bumps generation when it starts a graceful deletion.
      nextMetadata.put("generation", metadata.path("generation").asLong(0) + 1);
      return new ObjectStore.Put(next);
    });
  }

  /** PUT of the scale subresource. */
  StoredObject updateScale(ResourceType type, String namespace, String name, ObjectNode scale) {
    ResourceType.ScaleSubresource paths = ScaleView.require(type);
    return store.mutate(type, namespace, name, persist, current -> {
      if (current == null) {
        throw ApiException.notFound(type, name);
      }
      return nextForScale(type, paths, current, scale, name);
    });
  }

  /** PATCH of the scale subresource: the patch applies to the Scale view of the object. */
  StoredObject patchScale(ResourceType type, String namespace, String name, String mediaType, String body) {
    ResourceType.ScaleSubresource paths = ScaleView.require(type);
    return store.mutate(type, namespace, name, persist, current -> {
      if (current == null) {
        throw ApiException.notFound(type, name);
      }
      ObjectNode patched = patches.apply(mediaType, ScaleView.of(type, current), body, fields.scaleRulesFor(type));
      return nextForScale(type, paths, current, patched, name);
    });
  }

  private ObjectNode prepareCreate(ResourceType type, String namespace, String name, ObjectNode body) {
    if (!body.path("kind").asText(type.kind()).equals(type.kind())) {
      throw ApiException.badRequest("the kind of the provided object (" + body.path("kind").asText()
          + ") does not match the resource " + type.qualifiedName() + " (" + type.kind() + ")");
    }
    ObjectValidation.validateName(type, name);
    ObjectValidation.validateLabels(type, name, body.path("metadata").path("labels"));
    ObjectValidation.validateOwnerReferences(type, name, body.path("metadata").path("ownerReferences"));
    ObjectNode next = body.deepCopy();
    next.put("apiVersion", body.path("apiVersion").asText(type.apiVersion()));
    next.put("kind", type.kind());
    ObjectNode metadata = metadataOf(next);
    metadata.put("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    } else {
      metadata.remove("namespace");
    }
    metadata.put("uid", UUID.randomUUID().toString());
    metadata.put("creationTimestamp", now());
    metadata.put("generation", 1);
    metadata.remove(java.util.List.of("deletionTimestamp", "deletionGracePeriodSeconds", "resourceVersion"));
    if (type.statusSubresource()) {
      // The real server ignores status on create for kinds whose status is a subresource.
      next.remove("status");
    }
    defaultStorageClass.onCreate(type, next); // mutating admission runs on every create, server-side apply's too
    fields.builtins().onCreate(type, name, next);
    schemas.admit(type, null, next);
    return next;
  }

  /** {@code trackUpdate}: record an Update entry in managedFields (an apply recorded its own). */
  private ObjectStore.Outcome nextForUpdate(ResourceType type, StoredObject current, ObjectNode body, String name,
                                            boolean trackUpdate) {
    checkIdentity(type, current, body, name);
    ObjectNode next = body.deepCopy();
    ObjectNode currentMetadata = (ObjectNode) current.node().get("metadata");
    ObjectNode metadata = metadataOf(next);
    for (String serverOwned : new String[] {"uid", "creationTimestamp", "generation", "deletionTimestamp",
        "deletionGracePeriodSeconds", "namespace", "name", "resourceVersion"}) {
      copyField(currentMetadata, metadata, serverOwned);
    }
    next.put("apiVersion", current.node().path("apiVersion").asText(type.apiVersion()));
    next.put("kind", type.kind());
    if (type.statusSubresource()) {
      copyField(current.node(), next, "status");
    }
    schemas.admit(type, current.node(), next);
    boolean deleting = currentMetadata.hasNonNull("deletionTimestamp");
    if (deleting) {
      Set<String> added = strings(metadata.path("finalizers"));
      added.removeAll(strings(currentMetadata.path("finalizers")));
      if (!added.isEmpty()) {
        throw ApiException.invalid(type, name, "metadata.finalizers: Forbidden: no new finalizers can be added if "
            + "the object is being deleted, found new finalizers " + added);
      }
    }
    ObjectValidation.validateLabels(type, name, metadata.path("labels"));
    ObjectValidation.validateOwnerReferences(type, name, metadata.path("ownerReferences"));
    fields.builtins().onUpdate(type, name, current.node(), next);
    if (trackUpdate) {
      fields.recordUpdate(type, current.node(), next, fieldRequest(type, ""));
    }
    if (contentChanged(type, current.node(), next)) {
      metadata.put("generation", currentMetadata.path("generation").asLong(0) + 1);
    }
    if (next.equals(current.node())) {
      return ObjectStore.KEEP;
    }
    admission.admit(type, current.node(), next);
    if (deleting && metadata.path("finalizers").isEmpty()) {
      return new ObjectStore.Remove(next);
    }
    return new ObjectStore.Put(next);
  }

  private ObjectStore.Outcome nextForStatus(ResourceType type, StoredObject current, ObjectNode body, String name,
                                            boolean trackUpdate) {
    checkIdentity(type, current, body, name);
    ObjectNode next = current.node().deepCopy();
    copyField(body, next, "status");
    schemas.admit(type, current.node(), next);
    fields.builtins().onStatusUpdate(type, name, next);
    if (trackUpdate) {
      fields.recordUpdate(type, current.node(), next, fieldRequest(type, "status"));
    } else {
      copyField(body.path("metadata"), (ObjectNode) next.get("metadata"), "managedFields");
    }
    return next.equals(current.node()) ? ObjectStore.KEEP : new ObjectStore.Put(next);
  }

  private ObjectStore.Outcome nextForScale(ResourceType type, ResourceType.ScaleSubresource paths, StoredObject current,
                                  ObjectNode scale, String name) {
    checkIdentity(type, current, scale, name);
    JsonNode replicas = scale.path("spec").path("replicas");
    if (!replicas.canConvertToInt() || replicas.asInt() < 0) {
      throw ApiException.invalid(type, name, "spec.replicas: Invalid value: " + replicas
          + ": must be greater than or equal to 0");
    }
    ObjectNode next = current.node().deepCopy();
    JsonPaths.set(next, paths.specReplicasPath(), next.numberNode(replicas.asInt()));
    schemas.admit(type, current.node(), next);
    fields.recordUpdate(type, current.node(), next, fieldRequest(type, "scale"));
    if (next.equals(current.node())) {
      return ObjectStore.KEEP;
    }
    ObjectNode metadata = (ObjectNode) next.get("metadata");
    metadata.put("generation", metadata.path("generation").asLong(0) + 1);
    admission.admit(type, current.node(), next);
    return new ObjectStore.Put(next);
  }

  /** Optimistic concurrency: a body carrying a resourceVersion or uid must match the stored object. */
  private static void checkIdentity(ResourceType type, StoredObject current, ObjectNode body, String name) {
    JsonNode metadata = body.path("metadata");
    String bodyName = metadata.path("name").asText("");
    if (!bodyName.isEmpty() && !bodyName.equals(name)) {
      throw ApiException.badRequest("the name of the object (" + bodyName + ") does not match the name on the URL ("
          + name + ")");
    }
    String rv = metadata.path("resourceVersion").asText("");
    if (!rv.isEmpty() && !rv.equals(Long.toString(current.resourceVersion()))) {
      throw ApiException.conflict(type, name);
    }
    String uid = metadata.path("uid").asText("");
    String currentUid = current.node().path("metadata").path("uid").asText("");
    if (!uid.isEmpty() && !uid.equals(currentUid)) {
      throw new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + type.qualifiedName() + " \""
          + name + "\": Precondition failed: UID in precondition: " + uid + ", UID in object meta: " + currentUid,
          type, name, null);
    }
  }

  /** Whether anything outside metadata (and outside status, when status is a subresource) changed. */
  private static boolean contentChanged(ResourceType type, ObjectNode before, ObjectNode after) {
    Set<String> fields = new HashSet<>();
    before.fieldNames().forEachRemaining(fields::add);
    after.fieldNames().forEachRemaining(fields::add);
    fields.removeAll(Set.of("metadata", "apiVersion", "kind"));
    if (type.statusSubresource()) {
      fields.remove("status");
    }
    for (String field : fields) {
      JsonNode a = before.get(field);
      JsonNode b = after.get(field);
      if (a == null ? b != null : !a.equals(b)) {
        return true;
      }
    }
    return false;
  }

  private static void requireStatusSubresource(ResourceType type) {
    if (!type.statusSubresource()) {
      throw ApiException.pathNotFound();
    }
  }

  private static void copyField(JsonNode from, ObjectNode to, String field) {
    JsonNode value = from.get(field);
    if (value == null || value.isNull()) {
      to.remove(field);
    } else {
      to.set(field, value.deepCopy());
    }
  }

  private static ObjectNode metadataOf(ObjectNode object) {
    JsonNode metadata = object.get("metadata");
    if (metadata instanceof ObjectNode m) {
      return m;
    }
    if (metadata != null && !metadata.isNull()) {
      throw ApiException.badRequest("metadata must be an object");
    }
    return object.putObject("metadata");
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> values = new HashSet<>();
    if (array instanceof ArrayNode a) {
      for (Iterator<JsonNode> it = a.elements(); it.hasNext(); ) {
        values.add(it.next().asText());
      }
    }
    return values;
  }

  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String randomSuffix() {
    StringBuilder suffix = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      suffix.append(NAME_CHARS.charAt(ThreadLocalRandom.current().nextInt(NAME_CHARS.length())));
    }
    return suffix.toString();
  }
}
