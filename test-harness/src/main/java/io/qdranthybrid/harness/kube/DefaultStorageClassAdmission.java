package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Comparator;
import java.util.Optional;

/**
 * The API server's DefaultStorageClass admission plugin: a PersistentVolumeClaim created without
 * {@code spec.storageClassName} (absent or null; an empty string asks for no class) gets the default StorageClass,
 * the newest one when several are marked default (as since Kubernetes 1.26). Doing it on create, as the real
 * server does, spares every claim a read, a patch and a watch event; claims created while no default existed
 * are still assigned one later by the storage controller.
 */
final class DefaultStorageClassAdmission {

  static final String IS_DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";

  private final ObjectStore store;
  private final ResourceType storageClasses;

  DefaultStorageClassAdmission(ObjectStore store, ResourceType storageClasses) {
    this.store = store;
    this.storageClasses = storageClasses;
  }

  void onCreate(ResourceType type, ObjectNode object) {
    if (!"PersistentVolumeClaim".equals(type.kind()) || !type.group().isEmpty()
        || !(object.get("spec") instanceof ObjectNode spec) || spec.hasNonNull("storageClassName")) {
      return;
    }
    defaultClass().ifPresent(name -> spec.put("storageClassName", name));
  }

  private Optional<String> defaultClass() {
    return store.list(storageClasses, null, Selector.EVERYTHING).items().stream()
        .map(StoredObject::node)
        .filter(node -> "true".equals(node.path("metadata").path("annotations").path(IS_DEFAULT_CLASS).asText()))
        .max(Comparator.comparing((JsonNode node) -> node.path("metadata").path("creationTimestamp").asText())
            .thenComparing(node -> node.path("metadata").path("name").asText()))
        .map(node -> node.path("metadata").path("name").asText());
  }
}
