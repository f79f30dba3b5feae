package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of a DELETE request's options the simulated server honours: grace period, the uid and
 * resourceVersion preconditions, and the propagation policy's finalizer. Like the real registry, Foreground
 * adds the {@code foregroundDeletion} finalizer and Orphan the {@code orphan} finalizer; the (simulated)
 * garbage collector then handles dependents and removes the finalizer.
 */
record DeleteOptions(long gracePeriodSeconds, String preconditionUid, String preconditionResourceVersion,
                     String propagationFinalizer) {

  static final String FOREGROUND_FINALIZER = "foregroundDeletion";
  static final String ORPHAN_FINALIZER = "orphan";

  static DeleteOptions from(JsonNode body, String gracePeriodParam, String propagationParam) {
    long grace = body.path("gracePeriodSeconds").asLong(0);
    if (gracePeriodParam != null && !gracePeriodParam.isEmpty()) {
      try {
        grace = Long.parseLong(gracePeriodParam);
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("gracePeriodSeconds \"" + gracePeriodParam + "\" is not a number");
      }
    }
    String policy = propagationParam != null && !propagationParam.isEmpty() ? propagationParam
        : body.path("propagationPolicy").asText("");
    if (policy.isEmpty() && body.path("orphanDependents").asBoolean(false)) {
      policy = "Orphan";
    }
    String finalizer = switch (policy) {
      case "", "Background" -> null;
      case "Foreground" -> FOREGROUND_FINALIZER;
      case "Orphan" -> ORPHAN_FINALIZER;
      default -> throw ApiException.badRequest("propagationPolicy \"" + policy
          + "\" is not one of Orphan, Background, Foreground");
    };
    JsonNode preconditions = body.path("preconditions");
    return new DeleteOptions(grace, preconditions.path("uid").asText(""),
        preconditions.path("resourceVersion").asText(""), finalizer);
  }

  void checkPreconditions(ResourceType type, StoredObject current) {
    String uid = current.node().path("metadata").path("uid").asText("");
    if (!preconditionUid.isEmpty() && !preconditionUid.equals(uid)) {
      throw new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + type.qualifiedName() + " \""
          + current.name() + "\": Precondition failed: UID in precondition: " + preconditionUid
          + ", UID in object meta: " + uid, type, current.name(), null);
    }
    if (!preconditionResourceVersion.isEmpty()
        && !preconditionResourceVersion.equals(Long.toString(current.resourceVersion()))) {
      throw ApiException.conflict(type, current.name());
    }
  }
}
