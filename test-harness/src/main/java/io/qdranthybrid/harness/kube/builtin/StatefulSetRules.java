package io.qdranthybrid.harness.kube.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A StatefulSet's defaults (k8s.io/kubernetes/pkg/apis/apps/v1/defaults.go SetDefaults_StatefulSet, with the pod
 * template's and claim templates' own defaults) and what an update may change
 * (pkg/apis/apps/validation/validation.go ValidateStatefulSetUpdate).
 */
public final class StatefulSetRules {

  static final String SPEC_FORBIDDEN = "spec: Forbidden: updates to statefulset spec for fields other than "
      + "'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and "
      + "'minReadySeconds' are forbidden";
  private static final List<String> MUTABLE = List.of("replicas", "ordinals", "template", "updateStrategy",
      "persistentVolumeClaimRetentionPolicy", "minReadySeconds");

  private StatefulSetRules() {
  }

  public static void defaults(ObjectNode statefulSet) {
    ObjectNode spec = object(statefulSet, "spec");
    PodDefaults.putIfAbsent(spec, "replicas", 1);
    PodDefaults.putIfAbsent(spec, "podManagementPolicy", "OrderedReady");
    ObjectNode strategy = object(spec, "updateStrategy");
    PodDefaults.putIfAbsent(strategy, "type", "RollingUpdate");
    if (strategy.path("type").asText().equals("RollingUpdate")) {
      PodDefaults.putIfAbsent(object(strategy, "rollingUpdate"), "partition", 0);
    }
    PodDefaults.putIfAbsent(spec, "revisionHistoryLimit", 10);
    ObjectNode retention = object(spec, "persistentVolumeClaimRetentionPolicy");
    PodDefaults.putIfAbsent(retention, "whenDeleted", "Retain");
    PodDefaults.putIfAbsent(retention, "whenScaled", "Retain");
    if (spec.path("template").get("spec") instanceof ObjectNode podSpec) {
      PodDefaults.apply(podSpec);
    }
    spec.path("volumeClaimTemplates").forEach(t -> {
      if (t instanceof ObjectNode template) {
        // Claim templates are PersistentVolumeClaims: their defaults apply, the server shows them with their kind.
        PodDefaults.putIfAbsent(template, "apiVersion", "v1");
        PodDefaults.putIfAbsent(template, "kind", "PersistentVolumeClaim");
        PersistentVolumeClaimRules.specDefaults(object(template, "spec"));
        PodDefaults.putIfAbsent(object(template, "status"), "phase", "Pending");
      }
    });
  }

  public static void validateUpdate(ObjectNode old, ObjectNode updated) {
    ObjectNode before = old.path("spec").deepCopy();
    ObjectNode after = updated.path("spec") instanceof ObjectNode s ? s.deepCopy() : updated.objectNode();
    before.remove(MUTABLE);
    after.remove(MUTABLE);
    if (!before.equals(after)) {
      throw new BuiltinRuleViolation(SPEC_FORBIDDEN);
    }
  }

  static ObjectNode object(ObjectNode parent, String field) {
    JsonNode node = parent.get(field);
    return node instanceof ObjectNode o ? o : parent.putObject(field);
  }
}
