package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The metadata validation of the real API server that operator bugs most often trip: object names
 * (DNS-1123 subdomains; DNS-1035 labels for Services), label keys and values, and owner references.
 */
final class ObjectValidation {

  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

  private ObjectValidation() {
  }

  static void validateName(ResourceType type, String name) {
    if (type.group().equals("rbac.authorization.k8s.io")) {
      // RBAC objects only need a valid path segment (pkg/apis/rbac/validation ValidateRBACName), hence
      // "system:discovery".
      if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("%")) {
        throw ApiException.invalid(type, name, "metadata.name: Invalid value: \"" + name + "\": may not be '.', "
            + "'..' or contain '/' or '%'");
      }
    } else if (type.group().isEmpty() && type.kind().equals("Service")) {
      if (name.length() > 63 || !DNS_1035_LABEL.matcher(name).matches()) {
        throw ApiException.invalid(type, name, "metadata.name: Invalid value: \"" + name + "\": a DNS-1035 label "
            + "must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and "
            + "end with an alphanumeric character");
      }
    } else if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
      throw ApiException.invalid(type, name, "metadata.name: Invalid value: \"" + name + "\": a lowercase RFC 1123 "
          + "subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with "
          + "an alphanumeric character");
    }
  }

  static void validateLabels(ResourceType type, String name, JsonNode labels) {
    for (var it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      String key = label.getKey();
      String value = label.getValue().isNull() ? "" : label.getValue().asText();
      if (!validLabelKey(key)) {
        throw ApiException.invalid(type, name, "metadata.labels: Invalid value: \"" + key + "\": name part must "
            + "consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
            + "character, at most 63 characters, with an optional DNS subdomain prefix and '/'");
      }
      if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
        throw ApiException.invalid(type, name, "metadata.labels: Invalid value: \"" + value + "\": a valid label "
            + "must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and "
            + "end with an alphanumeric character, at most 63 characters");
      }
    }
  }

  /**
   * Each owner reference names its owner fully and at most one is the controller, as apimachinery's
   * pkg/api/validation/objectmeta.go ValidateOwnerReferences requires: two controllers is the mark of an adoption
   * that ran twice.
   */
  static void validateOwnerReferences(ResourceType type, String name, JsonNode references) {
    String firstController = null;
    for (JsonNode reference : references) {
      String apiVersion = reference.path("apiVersion").asText("");
      String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
      requireNonEmpty(type, name, "apiVersion", version, apiVersion, "version must not be empty");
      requireNonEmpty(type, name, "kind", reference.path("kind").asText(""), null, "must not be empty");
      requireNonEmpty(type, name, "name", reference.path("name").asText(""), null, "must not be empty");
      requireNonEmpty(type, name, "uid", reference.path("uid").asText(""), null, "must not be empty");
      if (reference.path("controller").asBoolean(false)) {
        String controller = reference.path("kind").asText() + "/" + reference.path("name").asText();
        if (firstController != null) {
          throw ApiException.invalid(type, name, "metadata.ownerReferences: Invalid value: \"" + references
              + "\": Only one reference can have Controller set to true. Found \"true\" in references for "
              + firstController + " and " + controller);
        }
        firstController = controller;
      }
    }
  }

  private static void requireNonEmpty(ResourceType type, String name, String field, String value, String shown,
                                      String message) {
    if (value.isEmpty()) {
      throw ApiException.invalid(type, name, "metadata.ownerReferences." + field + ": Invalid value: \""
          + (shown == null ? value : shown) + "\": " + message);
    }
  }

  private static boolean validLabelKey(String key) {
    int slash = key.indexOf('/');
    String prefix = slash < 0 ? null : key.substring(0, slash);
    String local = slash < 0 ? key : key.substring(slash + 1);
    if (prefix != null && (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches())) {
      return false;
    }
    return !local.isEmpty() && local.length() <= 63 && QUALIFIED_NAME.matcher(local).matches();
  }
}
