package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdranthybrid.harness.kube.builtin.BuiltinKinds;
import io.qdranthybrid.harness.kube.builtin.BuiltinRuleViolation;
import io.qdranthybrid.harness.kube.builtin.CanonicalForm;

/** Runs {@link BuiltinKinds} on writes of built-in kinds and answers its refusals as 422 Invalid. */
final class BuiltinWrites {

  /** A body the real server cannot even decode into its Go type answers 400 (a malformed quantity, say). */
  private static ApiException undecodable(ResourceType type, IllegalArgumentException e) {
    return ApiException.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
        + type.kind() + ": " + e.getMessage());
  }

  private final BuiltinKinds kinds = new BuiltinKinds();

  void onCreate(ResourceType type, String name, ObjectNode object) {
    try {
      kinds.onCreate(type.group(), type.kind(), object);
    } catch (BuiltinRuleViolation e) {
      throw ApiException.invalid(type, name, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw undecodable(type, e);
    }
  }

  void onUpdate(ResourceType type, String name, ObjectNode old, ObjectNode updated) {
    try {
      kinds.onUpdate(type.group(), type.kind(), old, updated);
    } catch (BuiltinRuleViolation e) {
      throw ApiException.invalid(type, name, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw undecodable(type, e);
    }
  }

  /** Status writes are only serialised canonically (a claim's capacity, for one). */
  void onStatusUpdate(ResourceType type, String name, ObjectNode object) {
    if (!BuiltinKinds.covers(type.group(), type.kind())) {
      return;
    }
    try {
      CanonicalForm.apply(object);
    } catch (BuiltinRuleViolation e) {
      throw ApiException.invalid(type, name, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw undecodable(type, e);
    }
  }
}
