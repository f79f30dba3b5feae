package io.qdranthybrid.harness.kube.builtin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Defaults of the remaining built-in kinds our components write: NetworkPolicy
 * (pkg/apis/networking/v1/defaults.go SetDefaults_NetworkPolicy: policyTypes from the rules present, port
 * protocol TCP), Namespace (pkg/apis/core/v1/defaults.go SetDefaults_Namespace and the namespace registry: the
 * {@code kubernetes.io/metadata.name} label, the {@code kubernetes} finalizer, phase Active), RoleBinding subjects
 * (pkg/apis/rbac/v1/defaults.go SetDefaults_Subject: apiGroup for User and Group).
 */
public final class OtherKindDefaults {

  private OtherKindDefaults() {
  }

  public static void networkPolicy(ObjectNode policy) {
    ObjectNode spec = StatefulSetRules.object(policy, "spec");
    if (!(spec.get("policyTypes") instanceof ArrayNode types) || types.isEmpty()) {
      ArrayNode types = spec.putArray("policyTypes").add("Ingress");
      if (spec.path("egress").isArray() && !spec.path("egress").isEmpty()) {
        types.add("Egress");
      }
    }
    for (String direction : new String[] {"ingress", "egress"}) {
      spec.path(direction).forEach(rule -> rule.path("ports").forEach(p -> {
        if (p instanceof ObjectNode port) {
          PodDefaults.putIfAbsent(port, "protocol", "TCP");
        }
      }));
    }
  }

  public static void namespace(ObjectNode namespace) {
    ObjectNode metadata = StatefulSetRules.object(namespace, "metadata");
    StatefulSetRules.object(metadata, "labels").put("kubernetes.io/metadata.name", metadata.path("name").asText());
    ObjectNode spec = StatefulSetRules.object(namespace, "spec");
    if (!spec.has("finalizers")) {
      spec.putArray("finalizers").add("kubernetes");
    }
    PodDefaults.putIfAbsent(StatefulSetRules.object(namespace, "status"), "phase", "Active");
  }

  public static void roleBinding(ObjectNode binding) {
    binding.path("subjects").forEach(s -> {
      if (s instanceof ObjectNode subject) {
        String kind = subject.path("kind").asText();
        if (kind.equals("User") || kind.equals("Group")) {
          PodDefaults.putIfAbsent(subject, "apiGroup", "rbac.authorization.k8s.io");
        }
      }
    });
  }
}
