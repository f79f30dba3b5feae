package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the simulated API server refuses, rendered as the {@code Status} body the real server sends
 * (code, reason, message and details), so client error handling is exercised for real.
 */
final class ApiException extends RuntimeException {

  private final int code;
  private final String reason;
  private final ResourceType type;
  private final String name;
  private final Integer retryAfterSeconds;
  private ArrayNode causes;

  ApiException(int code, String reason, String message, ResourceType type, String name, Integer retryAfterSeconds) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.type = type;
    this.name = name;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static ApiException notFound(ResourceType type, String name) {
    return new ApiException(404, "NotFound", type.qualifiedName() + " \"" + name + "\" not found", type, name, null);
  }

  static ApiException alreadyExists(ResourceType type, String name) {
    return new ApiException(409, "AlreadyExists", type.qualifiedName() + " \"" + name + "\" already exists", type,
        name, null);
  }

  static ApiException conflict(ResourceType type, String name) {
    return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + type.qualifiedName() + " \"" + name
        + "\": the object has been modified; please apply your changes to the latest version and try again", type,
        name, null);
  }

  static ApiException invalid(ResourceType type, String name, String detail) {
    String qualifiedKind = type.group().isEmpty() ? type.kind() : type.kind() + "." + type.group();
    return new ApiException(422, "Invalid", qualifiedKind + " \"" + name + "\" is invalid: " + detail, type, name,
        null);
  }

  /** 422 Invalid with one {@code details.causes[]} entry per violation, as the real {@code NewInvalid}. */
  static ApiException invalid(ResourceType type, String name, String detail, ArrayNode causes) {
    return invalid(type, name, detail).withCauses(causes);
  }

  static ApiException forbidden(ResourceType type, String name, String detail) {
    return new ApiException(403, "Forbidden", type.qualifiedName() + " \"" + name + "\" is forbidden: " + detail, type,
        name, null);
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, "BadRequest", message, null, null, null);
  }

  static ApiException gone(long requested, long oldest) {
    return new ApiException(410, "Expired", "too old resource version: " + requested + " (" + oldest + ")", null, null,
        null);
  }

  static ApiException unsupportedMediaType(String message) {
    return new ApiException(415, "UnsupportedMediaType", message, null, null, null);
  }

  static ApiException methodNotAllowed(String message) {
    return new ApiException(405, "MethodNotAllowed", message, null, null, null);
  }

  /**
   * 405 for a verb the resource refuses, as {@code apierrors.NewMethodNotSupported}: details name the group and the
   * resource (k8s.io/apimachinery/pkg/api/errors/errors.go).
   */
  static ApiException methodNotSupported(ResourceType type, String message) {
    return new ApiException(405, "MethodNotAllowed", message, type, null, null);
  }

  /** The media types kube-apiserver accepts for PATCH of a custom resource (no strategic merge patch). */
  static final String CUSTOM_RESOURCE_PATCH_TYPES =
      "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";

  /**
   * 415 for a strategic merge patch of a custom resource: the CRD handler offers only JSON patch, merge patch and
   * apply (k8s.io/apiextensions-apiserver/pkg/apiserver/customresource_handler.go, {@code supportedTypes}), and the
   * patch handler refuses any other type with {@code negotiation.NewUnsupportedMediaTypeError}
   * (k8s.io/apiserver/pkg/endpoints/handlers/patch.go, handlers/negotiation/errors.go).
   */
  static ApiException unsupportedPatchType(String acceptedTypes) {
    return unsupportedMediaType("the body of the request was in an unknown format - accepted media types include: "
        + acceptedTypes);
  }

  /**
   * What kube-apiserver answers for a URL no installed kind serves, e.g. a custom resource whose CRD is absent
   * (k8s.io/apiserver/pkg/util/notfoundhandler/notfoundhandler.go, as client-go's
   * {@code NewGenericServerResponse} renders it): the message names no path, so this takes none.
   */
  static ApiException pathNotFound() {
    return new ApiException(404, "NotFound", "the server could not find the requested resource", null, null, null);
  }

  /** The Status {@code details.causes}, one per field at fault. */
  ApiException withCauses(ArrayNode statusCauses) {
    this.causes = statusCauses;
    return this;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  /** Seconds a client should wait before retrying, for 429 responses; null otherwise. */
  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  ObjectNode toStatus() {
    ObjectNode status = JsonNodeFactory.instance.objectNode().put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure").put("message", getMessage()).put("reason", reason);
    ObjectNode details = status.putObject("details");
    if (name != null) {
      details.put("name", name);
    }
    if (type != null) {
      // NewInvalid names the kind in details; the other constructors name the resource.
      details.put("group", type.group()).put("kind", code == 422 ? type.kind() : type.plural());
    }
    if (causes != null) {
      details.set("causes", causes);
    }
    if (retryAfterSeconds != null) {
      details.put("retryAfterSeconds", retryAfterSeconds);
    }
    status.put("code", code);
    return status;
  }
}
