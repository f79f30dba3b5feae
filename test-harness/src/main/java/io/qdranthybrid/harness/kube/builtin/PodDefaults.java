package io.qdranthybrid.harness.kube.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The defaults the real API server fills into a pod spec, whether of a Pod or of a workload's pod template
 * (k8s.io/kubernetes/pkg/apis/core/v1/defaults.go: SetDefaults_PodSpec, SetDefaults_Container,
 * SetDefaults_ContainerPort via SetDefaults_Pod, SetDefaults_Probe, SetDefaults_HTTPGetAction,
 * SetDefaults_ObjectFieldSelector, SetDefaults_ConfigMapVolumeSource, SetDefaults_SecretVolumeSource, and
 * SetDefaults_Volume).
 */
public final class PodDefaults {

  private static final int DEFAULT_MODE = 420; // 0644
  private static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers", "ephemeralContainers");
  private static final List<String> PROBES = List.of("livenessProbe", "readinessProbe", "startupProbe");

  private PodDefaults() {
  }

  public static void apply(ObjectNode spec) {
    putIfAbsent(spec, "restartPolicy", "Always");
    putIfAbsent(spec, "terminationGracePeriodSeconds", 30);
    putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
    if (!spec.has("securityContext")) {
      spec.putObject("securityContext");
    }
    putIfAbsent(spec, "schedulerName", "default-scheduler");
    putIfAbsent(spec, "enableServiceLinks", true);
    for (String list : CONTAINER_LISTS) {
      spec.path(list).forEach(c -> {
        if (c instanceof ObjectNode container) {
          container(container);
        }
      });
    }
    spec.path("volumes").forEach(v -> {
      if (v instanceof ObjectNode volume) {
        volume(volume);
      }
    });
  }

  private static void container(ObjectNode container) {
    putIfAbsent(container, "terminationMessagePath", "/dev/termination-log");
    putIfAbsent(container, "terminationMessagePolicy", "File");
    putIfAbsent(container, "imagePullPolicy", pullPolicyFor(container.path("image").asText("")));
    container.path("ports").forEach(p -> {
      if (p instanceof ObjectNode port) {
        putIfAbsent(port, "protocol", "TCP");
      }
    });
    container.path("env").forEach(e -> {
      if (e.path("valueFrom").path("fieldRef") instanceof ObjectNode fieldRef) {
        putIfAbsent(fieldRef, "apiVersion", "v1");
      }
    });
    for (String name : PROBES) {
      if (container.get(name) instanceof ObjectNode probe) {
        probe(probe);
      }
    }
  }

  /** SetDefaults_Container: Always for an untagged or {@code :latest} image, IfNotPresent otherwise. */
  static String pullPolicyFor(String image) {
    if (image.contains("@")) {
      return "IfNotPresent";
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    if (colon <= slash) {
      return "Always";
    }
    return image.substring(colon + 1).equals("latest") ? "Always" : "IfNotPresent";
  }

  private static void probe(ObjectNode probe) {
    putIfAbsent(probe, "timeoutSeconds", 1);
    putIfAbsent(probe, "periodSeconds", 10);
    putIfAbsent(probe, "successThreshold", 1);
    putIfAbsent(probe, "failureThreshold", 3);
    if (probe.get("httpGet") instanceof ObjectNode httpGet) {
      putIfAbsent(httpGet, "path", "/");
      putIfAbsent(httpGet, "scheme", "HTTP");
    }
  }

  private static void volume(ObjectNode volume) {
    boolean hasSource = false;
    for (var it = volume.fieldNames(); it.hasNext(); ) {
      hasSource |= !it.next().equals("name");
    }
    if (!hasSource) {
      volume.putObject("emptyDir"); // SetDefaults_Volume
    }
    for (String source : List.of("configMap", "secret", "projected", "downwardAPI")) {
      if (volume.get(source) instanceof ObjectNode s) {
        putIfAbsent(s, "defaultMode", DEFAULT_MODE);
      }
    }
  }

  static void putIfAbsent(ObjectNode node, String field, String value) {
    JsonNode current = node.get(field);
    if (current == null || current.isNull() || current.isTextual() && current.asText().isEmpty()) {
      node.put(field, value);
    }
  }

  static void putIfAbsent(ObjectNode node, String field, int value) {
    JsonNode current = node.get(field);
    if (current == null || current.isNull()) {
      node.put(field, value);
    }
  }

  static void putIfAbsent(ObjectNode node, String field, boolean value) {
    JsonNode current = node.get(field);
    if (current == null || current.isNull()) {
      node.put(field, value);
    }
  }
}
