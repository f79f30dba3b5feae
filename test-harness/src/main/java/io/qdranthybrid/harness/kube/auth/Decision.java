package io.qdranthybrid.harness.kube.auth;

/** The authorizer's answer: allowed or not, and why (the reason a SubjectAccessReview reports). */
public record Decision(boolean allowed, String reason) {

  static final Decision DENIED = new Decision(false, "");
}
