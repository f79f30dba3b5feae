package io.qdranthybrid.harness.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * Moves a rendered object from one install namespace to another, as an overlay's {@code namespace:} does
 * (kustomize {@code api/filters/namespace}): namespaced objects get the namespace, the Namespace object is renamed,
 * ServiceAccount subjects of (Cluster)RoleBindings follow. Cluster-scoped objects other than Namespace keep their
 * names except ClusterRoleBindings, which get the namespace as a suffix (what an overlay's {@code nameSuffix} does)
 * so installs in several namespaces of one cluster do not replace each other's.
 */
final class NamespacePlacement {

  private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
      "CustomResourceDefinition");

  private NamespacePlacement() {
  }

  static ObjectNode place(ObjectNode object, String from, String to) {
    String kind = object.path("kind").asText();
    ObjectNode metadata = (ObjectNode) object.path("metadata");
    if (kind.equals("Namespace")) {
      metadata.put("name", to);
    } else if (kind.equals("ClusterRoleBinding")) {
      metadata.put("name", metadata.path("name").asText() + "-" + to);
    } else if (!CLUSTER_SCOPED.contains(kind) && from.equals(metadata.path("namespace").asText())) {
      metadata.put("namespace", to);
    }
    for (JsonNode subject : object.path("subjects")) {
      if (subject.path("kind").asText().equals("ServiceAccount") && from.equals(subject.path("namespace").asText())) {
        ((ObjectNode) subject).put("namespace", to);
      }
    }
    return object;
  }
}
