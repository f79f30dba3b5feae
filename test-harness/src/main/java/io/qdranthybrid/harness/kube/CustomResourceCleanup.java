package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Deleting a CustomResourceDefinition deletes its custom resources first, as apiextensions-apiserver does: the
 * registry's Delete adds the {@code customresourcecleanup.apiextensions.k8s.io} finalizer and a Terminating
 * condition (k8s.io/apiextensions-apiserver/pkg/registry/customresourcedefinition/etcd.go), then the CRD finalizer
 * controller deletes every instance, waits until none is left (instances with finalizers of their own stay until
 * those are removed), records it and removes its finalizer (pkg/controller/finalizer/crd_finalizer.go). Meanwhile
 * the kind is still served but refuses creates (pkg/apiserver/customresource_handler.go).
 */
final class CustomResourceCleanup {

  private static final Logger LOG = LoggerFactory.getLogger(CustomResourceCleanup.class);
  static final String FINALIZER = "customresourcecleanup.apiextensions.k8s.io";
  private static final DeleteOptions BACKGROUND = new DeleteOptions(0, "", "", null);

  private final ObjectStore store;
  private final ObjectWrites writes;
  private final ResourceType crdType;
  private final Consumer<String> onRemoved;
  /** Terminating CRDs by name, with the type their instances are stored under. */
  private final Map<String, ResourceType> terminating = new ConcurrentHashMap<>();

  /** {@code onRemoved} is told the name of a CRD once its finalizer is gone and the store has dropped it. */
  CustomResourceCleanup(ObjectStore store, ObjectWrites writes, ResourceType crdType, Consumer<String> onRemoved) {
    this.store = store;
    this.writes = writes;
    this.crdType = crdType;
    this.onRemoved = onRemoved;
  }

  static boolean isCrd(ResourceType type) {
    return type.group().equals("apiextensions.k8s.io") && type.plural().equals("customresourcedefinitions");
  }

  /** What the registry's Delete writes into a CRD it marks for deletion, beside the finalizer. */
  static void markPending(ObjectNode crd) {
    setTerminating(crd, "True", "InstanceDeletionPending",
        "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon");
  }

  /** Whether a stored CRD is being deleted and still waits for this cleanup. */
  static boolean awaitsCleanup(JsonNode crd) {
    JsonNode metadata = crd.path("metadata");
    if (!metadata.hasNonNull("deletionTimestamp")) {
      return false;
    }
    for (JsonNode finalizer : metadata.path("finalizers")) {
      if (finalizer.asText().equals(FINALIZER)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Starts (or continues) the cleanup of a deleting CRD whose instances are stored as {@code instances}; null when
   * the CRD was never served, so there is nothing to delete.
   */
  synchronized void start(String crdName, ResourceType instances) {
    if (instances == null) {
      release(crdName, "NeverEstablished", "resource was never established");
      return;
    }
    if (terminating.putIfAbsent(crdName, instances) == null) {
      LOG.info("deleting the custom resources of {}", crdName);
      writeTerminating(crdName, "True", "InstanceDeletionInProgress", "CustomResource deletion is in progress");
      for (StoredObject instance : store.list(instances, null, Selector.EVERYTHING).items()) {
        deleteQuietly(instances, instance);
      }
    }
    finishIfEmpty(crdName, instances);
  }

  /** The 405 a create gets while its kind's CRD is terminating. */
  void refuseCreateWhileTerminating(ResourceType type) {
    if (terminating.values().stream().anyMatch(t -> t.storageKey().equals(type.storageKey()))) {
      throw ApiException.methodNotSupported(type, "create not allowed while custom resource definition is "
          + "terminating");
    }
  }

  /** Called after any write of a custom resource: the last instance gone lets its terminating CRD go. */
  void afterInstanceWrite(ResourceType type) {
    if (terminating.isEmpty()) {
      return;
    }
    terminating.forEach((crdName, instances) -> {
      if (instances.storageKey().equals(type.storageKey())) {
        finishIfEmpty(crdName, instances);
      }
    });
  }

  private synchronized void finishIfEmpty(String crdName, ResourceType instances) {
    if (terminating.containsKey(crdName) && store.list(instances, null, Selector.EVERYTHING).items().isEmpty()) {
      release(crdName, "InstanceDeletionCompleted", "removed all instances");
    }
  }

  /** Records the outcome and removes the finalizer, which lets the store drop the CRD. */
  private void release(String crdName, String reason, String message) {
    StoredObject crd = store.get(crdType, null, crdName);
    if (crd != null) {
      writeTerminating(crdName, "False", reason, message);
      ObjectNode released = store.get(crdType, null, crdName).node().deepCopy();
      ArrayNode finalizers = ((ObjectNode) released.path("metadata")).putArray("finalizers");
      crd.node().path("metadata").path("finalizers").forEach(f -> {
        if (!f.asText().equals(FINALIZER)) {
          finalizers.add(f);
        }
      });
      ((ObjectNode) released.path("metadata")).remove("resourceVersion");
      writes.update(crdType, null, crdName, released);
    }
    terminating.remove(crdName);
    if (store.get(crdType, null, crdName) == null) {
      LOG.info("{} is gone with its custom resources", crdName);
      onRemoved.accept(crdName);
    }
  }

  private void deleteQuietly(ResourceType type, StoredObject instance) {
    try {
      writes.delete(type, instance.namespace().isEmpty() ? null : instance.namespace(), instance.name(), BACKGROUND);
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }

  private void writeTerminating(String crdName, String status, String reason, String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("status", store.get(crdType, null, crdName).node().path("status").deepCopy());
    setTerminating(body, status, reason, message);
    writes.updateStatus(crdType, null, crdName, body);
  }

  /** Sets the Terminating condition in {@code object.status.conditions}, replacing an earlier one. */
  private static void setTerminating(ObjectNode object, String status, String reason, String message) {
    JsonNode existing = object.path("status");
    ObjectNode statusNode = existing instanceof ObjectNode o ? o : object.putObject("status");
    ArrayNode conditions = statusNode.path("conditions") instanceof ArrayNode a ? a : statusNode.putArray("conditions");
    for (int i = conditions.size() - 1; i >= 0; i--) {
      if (conditions.get(i).path("type").asText().equals("Terminating")) {
        conditions.remove(i);
      }
    }
    conditions.addObject().put("type", "Terminating").put("status", status).put("reason", reason)
        .put("message", message).put("lastTransitionTime", ObjectWrites.now());
  }
}
