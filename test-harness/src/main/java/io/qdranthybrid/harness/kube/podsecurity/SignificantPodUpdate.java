package io.qdranthybrid.harness.kube.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * Whether a pod update is one Pod Security Admission evaluates again, as {@code isSignificantPodUpdate} in
 * {@code staging/src/k8s.io/pod-security-admission/admission/admission.go} decides: a changed pod seccomp
 * annotation, a container or init container added or removed, an ephemeral container added, or a container whose
 * image stayed while its seccomp annotation changed. Everything else in a pod spec is immutable or not checked (a
 * label, the status, an image bump), so those updates pass even in a namespace whose level the pod would now fail.
 */
final class SignificantPodUpdate {

  /** corev1.SeccompPodAnnotationKey and SeccompContainerAnnotationKeyPrefix. */
  private static final String SECCOMP_POD = "seccomp.security.alpha.kubernetes.io/pod";
  private static final String SECCOMP_CONTAINER_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";

  private SignificantPodUpdate() {
  }

  static boolean test(JsonNode oldPod, JsonNode newPod) {
    JsonNode oldAnnotations = oldPod.path("metadata").path("annotations");
    JsonNode newAnnotations = newPod.path("metadata").path("annotations");
    if (!Objects.equals(text(newAnnotations, SECCOMP_POD), text(oldAnnotations, SECCOMP_POD))) {
      return true;
    }
    JsonNode oldSpec = oldPod.path("spec");
    JsonNode newSpec = newPod.path("spec");
    for (String field : new String[] {"containers", "initContainers"}) {
      JsonNode before = oldSpec.path(field);
      JsonNode after = newSpec.path(field);
      if (before.size() != after.size()) {
        return true;
      }
      for (int i = 0; i < after.size(); i++) {
        if (significantContainerUpdate(after.get(i), before.get(i), newAnnotations, oldAnnotations)) {
          return true;
        }
      }
    }
    for (JsonNode ephemeral : newSpec.path("ephemeralContainers")) {
      JsonNode old = null;
      for (JsonNode candidate : oldSpec.path("ephemeralContainers")) {
        if (candidate.path("name").asText().equals(ephemeral.path("name").asText())) {
          old = candidate;
        }
      }
      if (old == null || significantContainerUpdate(ephemeral, old, newAnnotations, oldAnnotations)) {
        return true;
      }
    }
    return false;
  }

  /** isSignificantContainerUpdate: an image change alone is allowed; otherwise only its seccomp annotation counts. */
  private static boolean significantContainerUpdate(JsonNode container, JsonNode old, JsonNode annotations,
                                                    JsonNode oldAnnotations) {
    if (!container.path("image").asText().equals(old.path("image").asText())) {
      return false;
    }
    String key = SECCOMP_CONTAINER_PREFIX + container.path("name").asText();
    return !Objects.equals(text(annotations, key), text(oldAnnotations, key));
  }

  private static String text(JsonNode annotations, String key) {
    JsonNode value = annotations.get(key);
    return value == null ? null : value.asText();
  }
}
