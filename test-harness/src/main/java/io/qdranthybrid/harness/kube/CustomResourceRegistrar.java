package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps served custom resource types in step with the CustomResourceDefinition objects in the store,
 * whether a CRD comes from the harness at start-up or from a client at run time, and marks each CRD
 * Established the way the real apiextensions controller does; a deleted CRD is served until
 * {@link CustomResourceCleanup} has deleted its custom resources.
 */
final class CustomResourceRegistrar {

  private static final Logger LOG = LoggerFactory.getLogger(CustomResourceRegistrar.class);

  private final ObjectMapper mapper;
  private final ResourceTypes types;
  private final ObjectStore store;
  private final ObjectWrites writes;
  private final ResourceType crdType;
  private final Map<String, JsonNode> registered = new ConcurrentHashMap<>();
  private final Map<String, List<ResourceType>> servedTypes = new ConcurrentHashMap<>();
  private final CustomResourceCleanup cleanup;

  CustomResourceRegistrar(ObjectMapper mapper, ResourceTypes types, ObjectStore store, ObjectWrites writes) {
    this.mapper = mapper;
    this.types = types;
    this.store = store;
    this.writes = writes;
    this.crdType = types.find("apiextensions.k8s.io", "v1", "customresourcedefinitions").orElseThrow();
    this.cleanup = new CustomResourceCleanup(store, writes, crdType, this::stopServing);
  }

  /** Refuses a create of a kind whose CRD is being deleted, as the real server does. */
  void checkCreateAllowed(ResourceType type) {
    cleanup.refuseCreateWhileTerminating(type);
  }

  /** Creates the CRD in the store (or replaces its spec) and serves its types. */
  void install(CustomResourceDefinition crd) {
    String name = crd.getMetadata().getName();
    ObjectNode body = mapper.valueToTree(crd);
    body.remove("status");
    ((ObjectNode) body.path("metadata")).remove("resourceVersion");
    if (store.get(crdType, null, name) == null) {
      writes.create(crdType, null, body);
    } else {
      writes.update(crdType, null, name, body);
    }
    afterWrite(crdType, name);
  }

  /**
   * Called after every write: serves what a CRD declares, runs the cleanup of a deleting CRD, and lets a terminating
   * CRD go once a write removed its last custom resource.
   */
  void afterWrite(ResourceType type, String name) {
    if (name == null) {
      return;
    }
    if (!type.equals(crdType)) {
      cleanup.afterInstanceWrite(type);
      return;
    }
    StoredObject stored = store.get(crdType, null, name);
    if (stored == null) {
      stopServing(name);
      return;
    }
    List<ResourceType> servedNow = servedTypes.get(name);
    if (CustomResourceCleanup.awaitsCleanup(stored.node())) {
      cleanup.start(name, servedNow == null || servedNow.isEmpty() ? null : servedNow.get(0));
      return;
    }
    JsonNode previous = registered.put(name, stored.node());
    if (previous != null) {
      types.unregister(previous);
    }
    List<ResourceType> served = types.register(stored.node());
    servedTypes.put(name, served);
    if (previous != null && !previous.path("spec").equals(stored.node().path("spec"))) {
      writes.defaultStoredCustomResources(served);
    }
    if (previous == null) {
      LOG.info("serving custom resource {}", name);
    }
    if (!stored.node().path("status").has("conditions")) {
      writes.updateStatus(crdType, null, name, establishedStatus(stored.node()));
    }
  }

  private void stopServing(String name) {
    servedTypes.remove(name);
    JsonNode removed = registered.remove(name);
    if (removed != null) {
      types.unregister(removed);
      LOG.info("stopped serving custom resource {}", name);
    }
  }

  private ObjectNode establishedStatus(ObjectNode crd) {
    ObjectNode body = mapper.createObjectNode();
    ObjectNode status = body.putObject("status");
    status.set("acceptedNames", crd.path("spec").path("names").deepCopy());
    String now = ObjectWrites.now();
    var conditions = status.putArray("conditions");
    conditions.addObject().put("type", "NamesAccepted").put("status", "True").put("reason", "NoConflicts")
        .put("message", "no conflicts found").put("lastTransitionTime", now);
    conditions.addObject().put("type", "Established").put("status", "True").put("reason", "InitialNamesAccepted")
        .put("message", "the initial names have been accepted").put("lastTransitionTime", now);
    var versions = status.putArray("storedVersions");
    crd.path("spec").path("versions").forEach(v -> {
      if (v.path("storage").asBoolean(false)) {
        versions.add(v.path("name").asText());
      }
    });
    return body;
  }
}
