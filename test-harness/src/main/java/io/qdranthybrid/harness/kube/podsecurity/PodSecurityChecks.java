package io.qdranthybrid.harness.kube.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The Pod Security Standards checks that matter for database pods, as a pure function of the pod spec. Each
 * check, its reason and its detail text follow {@code staging/src/k8s.io/pod-security-admission/policy/check_*.go}
 * (privileged, host namespaces, hostPath volumes, host ports, capabilities for baseline; allowPrivilegeEscalation,
 * restricted volume types, runAsNonRoot, runAsUser, seccomp and capabilities for restricted), in the order the
 * real evaluator runs them (by check ID).
 */
public final class PodSecurityChecks {

  /** Capabilities baseline allows adding (check_capabilities_baseline.go). */
  private static final Set<String> BASELINE_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
      "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
  /** Volume types restricted allows (check_restrictedVolumes.go). */
  private static final Set<String> RESTRICTED_VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
      "ephemeral", "persistentVolumeClaim", "projected", "secret");

  private PodSecurityChecks() {
  }

  /** One failed check: {@code reason (detail)} in the admission message. */
  public record Violation(String reason, String detail) {
    @Override
    public String toString() {
      return reason + " (" + detail + ")";
    }
  }

  /** The violations of {@code level} by a pod's {@code spec}, empty when the pod is allowed. */
  public static List<Violation> violations(PodSecurityLevel level, JsonNode spec) {
    List<Violation> found = new ArrayList<>();
    if (level == PodSecurityLevel.PRIVILEGED) {
      return found;
    }
    List<JsonNode> containers = containers(spec);
    JsonNode podContext = spec.path("securityContext");
    boolean restricted = level == PodSecurityLevel.RESTRICTED;
    if (restricted) {
      List<String> escalating = names(containers,
          c -> !c.path("securityContext").path("allowPrivilegeEscalation").isBoolean()
              || c.path("securityContext").path("allowPrivilegeEscalation").asBoolean());
      add(found, "allowPrivilegeEscalation != false", escalating,
          "must set securityContext.allowPrivilegeEscalation=false");
    }
    List<String> addedCapabilities = new ArrayList<>();
    for (JsonNode c : containers) {
      for (JsonNode cap : c.path("securityContext").path("capabilities").path("add")) {
        if (!BASELINE_CAPABILITIES.contains(cap.asText())) {
          addedCapabilities.add("\"" + cap.asText() + "\"");
        }
      }
    }
    if (!addedCapabilities.isEmpty()) {
      List<String> offending = names(containers, c -> {
        for (JsonNode cap : c.path("securityContext").path("capabilities").path("add")) {
          if (!BASELINE_CAPABILITIES.contains(cap.asText())) {
            return true;
          }
        }
        return false;
      });
      found.add(new Violation("non-default capabilities", subject(offending) + " must not include "
          + String.join(", ", addedCapabilities) + " in securityContext.capabilities.add"));
    }
    if (restricted) {
      List<String> notDropping = names(containers, c -> {
        for (JsonNode cap : c.path("securityContext").path("capabilities").path("drop")) {
          if (cap.asText().equals("ALL")) {
            return false;
          }
        }
        return true;
      });
      add(found, "unrestricted capabilities", notDropping, "must set securityContext.capabilities.drop=[\"ALL\"]");
    }
    List<String> hostNamespaces = new ArrayList<>();
    for (String field : List.of("hostNetwork", "hostPID", "hostIPC")) {
      if (spec.path(field).asBoolean(false)) {
        hostNamespaces.add(field + "=true");
      }
    }
    if (!hostNamespaces.isEmpty()) {
      found.add(new Violation("host namespaces", String.join(", ", hostNamespaces)));
    }
    List<String> hostPaths = new ArrayList<>();
    List<String> restrictedVolumes = new ArrayList<>();
    for (JsonNode volume : spec.path("volumes")) {
      String name = volume.path("name").asText();
      if (volume.has("hostPath")) {
        hostPaths.add(name);
      }
      volume.fieldNames().forEachRemaining(field -> {
        if (!field.equals("name") && !RESTRICTED_VOLUME_TYPES.contains(field)) {
          restrictedVolumes.add("volume \"" + name + "\" uses restricted volume type \"" + field + "\"");
        }
      });
    }
    if (!hostPaths.isEmpty()) {
      found.add(new Violation("hostPath volumes", (hostPaths.size() == 1 ? "volume " : "volumes ")
          + quotedList(hostPaths)));
    }
    List<String> hostPorts = new ArrayList<>();
    for (JsonNode c : containers) {
      for (JsonNode port : c.path("ports")) {
        if (port.path("hostPort").asInt(0) != 0) {
          hostPorts.add("container \"" + c.path("name").asText() + "\" uses hostPort " + port.path("hostPort").asInt());
        }
      }
    }
    if (!hostPorts.isEmpty()) {
      found.add(new Violation("hostPort", String.join(", ", hostPorts)));
    }
    add(found, "privileged", names(containers, c -> c.path("securityContext").path("privileged").asBoolean(false)),
        "must not set securityContext.privileged=true");
    if (restricted) {
      if (!restrictedVolumes.isEmpty()) {
        found.add(new Violation("restricted volume types", String.join(", ", restrictedVolumes)));
      }
      runAsNonRoot(found, podContext, containers);
    }
    runAsUser(found, podContext, containers, restricted);
    if (restricted) {
      seccomp(found, podContext, containers);
    }
    return found;
  }

  private static void runAsNonRoot(List<Violation> found, JsonNode podContext, List<JsonNode> containers) {
    JsonNode podValue = podContext.path("runAsNonRoot");
    if (podValue.isBoolean() && !podValue.asBoolean()) {
      found.add(new Violation("runAsNonRoot != true", "pod must not set securityContext.runAsNonRoot=false"));
      return;
    }
    boolean podSetsIt = podValue.asBoolean(false);
    List<String> explicitlyFalse = names(containers, c -> c.path("securityContext").path("runAsNonRoot").isBoolean()
        && !c.path("securityContext").path("runAsNonRoot").asBoolean());
    List<String> unset = names(containers, c -> !c.path("securityContext").path("runAsNonRoot").isBoolean());
    if (!explicitlyFalse.isEmpty()) {
      found.add(new Violation("runAsNonRoot != true", subject(explicitlyFalse)
          + " must not set securityContext.runAsNonRoot=false"));
    } else if (!podSetsIt && !unset.isEmpty()) {
      found.add(new Violation("runAsNonRoot != true", "pod or " + subject(unset)
          + " must set securityContext.runAsNonRoot=true"));
    }
  }

  private static void runAsUser(List<Violation> found, JsonNode podContext, List<JsonNode> containers,
                                boolean restricted) {
    if (!restricted) {
      return;
    }
    List<String> details = new ArrayList<>();
    if (podContext.path("runAsUser").isNumber() && podContext.path("runAsUser").asLong() == 0) {
      details.add("pod must not set runAsUser=0");
    }
    List<String> root = names(containers, c -> c.path("securityContext").path("runAsUser").isNumber()
        && c.path("securityContext").path("runAsUser").asLong() == 0);
    if (!root.isEmpty()) {
      details.add(subject(root) + " must not set runAsUser=0");
    }
    if (!details.isEmpty()) {
      found.add(new Violation("runAsUser=0", String.join("; ", details)));
    }
  }

  private static void seccomp(List<Violation> found, JsonNode podContext, List<JsonNode> containers) {
    String podType = podContext.path("seccompProfile").path("type").asText("");
    boolean podValid = podType.equals("RuntimeDefault") || podType.equals("Localhost");
    List<String> missing = names(containers, c -> {
      String type = c.path("securityContext").path("seccompProfile").path("type").asText("");
      return type.isEmpty() ? !podValid : !type.equals("RuntimeDefault") && !type.equals("Localhost");
    });
    if (!missing.isEmpty()) {
      found.add(new Violation("seccompProfile", (podValid ? "" : "pod or ") + subject(missing)
          + " must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\""));
    }
  }

  private static void add(List<Violation> found, String reason, List<String> containerNames, String must) {
    if (!containerNames.isEmpty()) {
      found.add(new Violation(reason, subject(containerNames) + " " + must));
    }
  }

  /** {@code container "a"} or {@code containers "a", "b"}, as the checks' pluralize helper writes it. */
  private static String subject(List<String> containerNames) {
    return (containerNames.size() == 1 ? "container " : "containers ") + quotedList(containerNames);
  }

  private static String quotedList(List<String> names) {
    return String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList());
  }

  private static List<String> names(List<JsonNode> containers, Predicate<JsonNode> offending) {
    return containers.stream().filter(offending).map(c -> c.path("name").asText()).toList();
  }

  private static List<JsonNode> containers(JsonNode spec) {
    List<JsonNode> all = new ArrayList<>();
    for (String field : List.of("initContainers", "containers", "ephemeralContainers")) {
      spec.path(field).forEach(all::add);
    }
    return all;
  }
}
