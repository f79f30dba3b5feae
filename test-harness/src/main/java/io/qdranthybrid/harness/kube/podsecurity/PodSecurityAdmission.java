package io.qdranthybrid.harness.kube.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.qdranthybrid.harness.kube.AdmissionRule;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pod Security Admission in enforce mode ({@code pod-security-admission/admission/admission.go}): a pod created in
 * a namespace labelled {@code pod-security.kubernetes.io/enforce: baseline|restricted} is refused when it violates
 * that level, with {@code violates PodSecurity "<level>:latest": <reason> (<detail>), ...}. An update is checked
 * again when it is significant ({@link SignificantPodUpdate}, the real admission's rule), e.g. an ephemeral container
 * added; other updates (labels, status, an image bump) pass.
 */
public final class PodSecurityAdmission implements AdmissionRule {

  private final ObjectMapper mapper = new ObjectMapper();
  /** A namespace's labels, or null when the namespace does not exist. */
  private final Function<String, JsonNode> namespaceLabels;

  public PodSecurityAdmission(Function<String, JsonNode> namespaceLabels) {
    this.namespaceLabels = namespaceLabels;
  }

  @Override
  public Optional<String> check(GenericKubernetesResource oldObject, GenericKubernetesResource newObject) {
    if (oldObject != null && !SignificantPodUpdate.test(mapper.valueToTree(oldObject), mapper.valueToTree(newObject))) {
      return Optional.empty();
    }
    JsonNode labels = namespaceLabels.apply(newObject.getMetadata().getNamespace());
    if (labels == null) {
      return Optional.empty();
    }
    PodSecurityLevel level = PodSecurityLevel.parse(labels.path(PodSecurityLevel.ENFORCE_LABEL).asText(""))
        .orElse(PodSecurityLevel.PRIVILEGED);
    JsonNode spec = mapper.valueToTree(newObject.getAdditionalProperties().get("spec"));
    List<PodSecurityChecks.Violation> violations = PodSecurityChecks.violations(level, spec == null
        ? mapper.createObjectNode() : spec);
    if (violations.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("violates PodSecurity \"" + level.label() + ":latest\": "
        + String.join(", ", violations.stream().map(PodSecurityChecks.Violation::toString).toList()));
  }
}
