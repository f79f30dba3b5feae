package io.qdranthybrid.harness.kube.builtin;

/**
 * A write of a built-in kind the real API server refuses in validation (422 Invalid); the message is the
 * field error as the server prints it after {@code Kind "name" is invalid: }.
 */
public final class BuiltinRuleViolation extends RuntimeException {

  public BuiltinRuleViolation(String fieldError) {
    super(fieldError);
  }
}
