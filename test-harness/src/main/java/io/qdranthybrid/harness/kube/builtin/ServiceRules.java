package io.qdranthybrid.harness.kube.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Service's defaults (pkg/apis/core/v1/defaults.go SetDefaults_Service; the cluster IP and IP families the
 * registry allocates, pkg/registry/core/service/storage/alloc.go) and what an update may change
 * (pkg/apis/core/validation/validation.go ValidateServiceUpdate: cluster IPs and IP families once set).
 * An update that omits the allocated values keeps them, as the registry's patchAllocatedValues does.
 */
public final class ServiceRules {

  private ServiceRules() {
  }

  public static void defaults(ObjectNode service, ClusterIpAllocator ips) {
    ObjectNode spec = StatefulSetRules.object(service, "spec");
    PodDefaults.putIfAbsent(spec, "type", "ClusterIP");
    PodDefaults.putIfAbsent(spec, "sessionAffinity", "None");
    spec.path("ports").forEach(p -> {
      if (p instanceof ObjectNode port) {
        PodDefaults.putIfAbsent(port, "protocol", "TCP");
        JsonNode target = port.get("targetPort");
        if (target == null || target.isNull() || target.isIntegralNumber() && target.asInt() == 0
            || target.isTextual() && target.asText().isEmpty()) {
          port.set("targetPort", port.path("port"));
        }
      }
    });
    String type = spec.path("type").asText();
    if (type.equals("ExternalName")) {
      return;
    }
    PodDefaults.putIfAbsent(spec, "internalTrafficPolicy", "Cluster");
    if (spec.path("clusterIP").asText("").isEmpty()) {
      String first = spec.path("clusterIPs").path(0).asText("");
      spec.put("clusterIP", first.isEmpty() ? ips.allocate() : first);
    }
    if (!(spec.get("clusterIPs") instanceof ArrayNode ips0) || ips0.isEmpty()) {
      spec.putArray("clusterIPs").add(spec.path("clusterIP").asText());
    }
    if (!(spec.get("ipFamilies") instanceof ArrayNode families) || families.isEmpty()) {
      spec.putArray("ipFamilies").add("IPv4");
    }
    PodDefaults.putIfAbsent(spec, "ipFamilyPolicy", "SingleStack");
  }

  /** Copies the allocated values an update left out, before defaulting would allocate new ones. */
  public static void keepAllocated(ObjectNode old, ObjectNode updated) {
    JsonNode oldSpec = old.path("spec");
    if (!(updated.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    for (String field : new String[] {"clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"}) {
      JsonNode value = spec.get(field);
      boolean missing = value == null || value.isNull() || value.isTextual() && value.asText().isEmpty()
          || value.isArray() && value.isEmpty();
      if (missing && oldSpec.has(field)) {
        spec.set(field, oldSpec.get(field).deepCopy());
      }
    }
  }

  public static void validateUpdate(ObjectNode old, ObjectNode updated) {
    JsonNode before = old.path("spec");
    JsonNode after = updated.path("spec");
    if (!before.path("clusterIPs").path(0).equals(after.path("clusterIPs").path(0))
        || !before.path("clusterIP").equals(after.path("clusterIP"))) {
      throw new BuiltinRuleViolation("spec.clusterIPs[0]: Invalid value: []string{\""
          + after.path("clusterIP").asText() + "\"}: may not change once set");
    }
    if (!before.path("ipFamilies").path(0).equals(after.path("ipFamilies").path(0))) {
      throw new BuiltinRuleViolation("spec.ipFamilies[0]: Invalid value: \"" + after.path("ipFamilies").path(0).asText()
          + "\": may not change once set");
    }
  }
}
