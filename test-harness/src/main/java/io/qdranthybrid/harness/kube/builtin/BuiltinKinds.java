package io.qdranthybrid.harness.kube.builtin;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * What the real API server does to the built-in kinds our operator, agent and simulated controllers write, on
 * every create, update, patch and apply: defaulting, allocation, immutability checks and canonical serialisation.
 * Kinds are identified by group and kind; custom resources never come here.
 */
public final class BuiltinKinds {

  private static final Set<String> CANONICALISED = Set.of("/Pod", "apps/StatefulSet", "/Service", "/ConfigMap",
      "/Secret", "/PersistentVolumeClaim", "policy/PodDisruptionBudget", "networking.k8s.io/NetworkPolicy",
      "networking.k8s.io/Ingress", "coordination.k8s.io/Lease", "/Event", "events.k8s.io/Event", "/Namespace",
      "rbac.authorization.k8s.io/Role", "rbac.authorization.k8s.io/RoleBinding", "/ServiceAccount",
      "/PersistentVolume");

  private final ClusterIpAllocator clusterIps = new ClusterIpAllocator();

  /** Whether objects of this kind are defaulted and canonicalised here. */
  public static boolean covers(String group, String kind) {
    return CANONICALISED.contains(group + "/" + kind);
  }

  /** A new object (create, or apply of an absent one), rewritten in place. */
  public void onCreate(String group, String kind, ObjectNode object) {
    if (!covers(group, kind)) {
      return;
    }
    defaults(group + "/" + kind, object);
    CanonicalForm.apply(object);
  }

  /**
   * A new state of a stored object, rewritten in place, then checked against the old one; throws
   * {@link BuiltinRuleViolation} when the real server would refuse it.
   */
  public void onUpdate(String group, String kind, ObjectNode old, ObjectNode updated) {
    if (!covers(group, kind)) {
      return;
    }
    String key = group + "/" + kind;
    if (key.equals("/Service")) {
      ServiceRules.keepAllocated(old, updated);
    }
    defaults(key, updated);
    CanonicalForm.apply(updated);
    switch (key) {
      case "apps/StatefulSet" -> StatefulSetRules.validateUpdate(old, updated);
      case "/Service" -> ServiceRules.validateUpdate(old, updated);
      case "/PersistentVolumeClaim" -> PersistentVolumeClaimRules.validateUpdate(old, updated);
      case "/ConfigMap", "/Secret" -> ConfigDataRules.validateUpdate(kind, old, updated);
      default -> {
      }
    }
  }

  private void defaults(String key, ObjectNode object) {
    switch (key) {
      case "/Pod" -> {
        if (object.get("spec") instanceof ObjectNode spec) {
          PodDefaults.apply(spec);
        }
      }
      case "apps/StatefulSet" -> StatefulSetRules.defaults(object);
      case "/Service" -> ServiceRules.defaults(object, clusterIps);
      case "/PersistentVolumeClaim" -> PersistentVolumeClaimRules.defaults(object);
      case "/Secret" -> ConfigDataRules.secretDefaults(object);
      case "networking.k8s.io/NetworkPolicy" -> OtherKindDefaults.networkPolicy(object);
      case "/Namespace" -> OtherKindDefaults.namespace(object);
      case "rbac.authorization.k8s.io/RoleBinding" -> OtherKindDefaults.roleBinding(object);
      default -> {
      }
    }
  }
}
