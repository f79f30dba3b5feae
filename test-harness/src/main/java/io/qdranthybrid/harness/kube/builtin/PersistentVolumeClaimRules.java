package io.qdranthybrid.harness.kube.builtin;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A PersistentVolumeClaim's defaults (pkg/apis/core/v1/defaults.go SetDefaults_PersistentVolumeClaimSpec) and
 * what an update may change (pkg/apis/core/validation/validation.go ValidatePersistentVolumeClaimUpdate): the spec
 * is immutable but for resources.requests and volumeAttributesClassName (growing a request is reviewed by
 * {@code PvcResizeAdmission}), volumeName and storageClassName may be set once when empty.
 */
public final class PersistentVolumeClaimRules {

  static final String SPEC_IMMUTABLE = "spec: Forbidden: spec is immutable after creation except resources.requests "
      + "and volumeAttributesClassName for bound claims";

  private PersistentVolumeClaimRules() {
  }

  public static void defaults(ObjectNode claim) {
    specDefaults(StatefulSetRules.object(claim, "spec"));
  }

  static void specDefaults(ObjectNode spec) {
    PodDefaults.putIfAbsent(spec, "volumeMode", "Filesystem");
  }

  public static void validateUpdate(ObjectNode old, ObjectNode updated) {
    ObjectNode before = old.path("spec").deepCopy();
    ObjectNode after = updated.path("spec") instanceof ObjectNode s ? s.deepCopy() : updated.objectNode();
    for (ObjectNode spec : new ObjectNode[] {before, after}) {
      if (spec.get("resources") instanceof ObjectNode resources) {
        resources.remove("requests");
        if (resources.isEmpty()) {
          spec.remove("resources");
        }
      }
      spec.remove("volumeAttributesClassName");
    }
    for (String setOnce : new String[] {"volumeName", "storageClassName"}) {
      if (before.path(setOnce).asText("").isEmpty() && after.has(setOnce)) {
        before.set(setOnce, after.get(setOnce));
      }
    }
    if (!before.equals(after)) {
      throw new BuiltinRuleViolation(SPEC_IMMUTABLE);
    }
  }
}
