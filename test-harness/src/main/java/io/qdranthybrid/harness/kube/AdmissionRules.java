package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Validating admission: rules registered by kind that run on every create and update of the main
 * resource (and of scale), rejecting with 422 Invalid or 403 Forbidden like an admission webhook or a
 * built-in admission plugin would.
 */
public final class AdmissionRules {

  /** How a rejection is reported. */
  public enum Rejection { INVALID, FORBIDDEN }

  private record Registered(Rejection rejection, AdmissionRule rule) {
  }

  private final ObjectMapper mapper;
  private final Map<String, List<Registered>> byKind = new ConcurrentHashMap<>();

  AdmissionRules(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Rejects offending creates and updates of the kind (e.g. {@code PersistentVolumeClaim}) with 422 Invalid. */
  public void validate(String kind, AdmissionRule rule) {
    register(kind, Rejection.INVALID, rule);
  }

  public void register(String kind, Rejection rejection, AdmissionRule rule) {
    byKind.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(new Registered(rejection, rule));
  }

  public void clear() {
    byKind.clear();
  }

  void admit(ResourceType type, ObjectNode oldObject, ObjectNode newObject) {
    List<Registered> rules = byKind.get(type.kind());
    if (rules == null || rules.isEmpty()) {
      return;
    }
    GenericKubernetesResource before = oldObject == null ? null : convert(oldObject);
    GenericKubernetesResource after = convert(newObject);
    String name = newObject.path("metadata").path("name").asText();
    for (Registered registered : rules) {
      Optional<String> reason = registered.rule().check(before, after);
      if (reason.isPresent()) {
        throw switch (registered.rejection()) {
          case INVALID -> ApiException.invalid(type, name, reason.get());
          case FORBIDDEN -> ApiException.forbidden(type, name, reason.get());
        };
      }
    }
  }

  private GenericKubernetesResource convert(ObjectNode node) {
    return mapper.convertValue(node, GenericKubernetesResource.class);
  }
}
