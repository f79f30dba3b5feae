package io.qdranthybrid.harness.kube.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Answers {@code SelfSubjectAccessReview} and {@code SelfSubjectRulesReview} ({@code authorization.k8s.io/v1}),
 * as {@code pkg/registry/authorization/selfsubjectaccessreview/rest.go} and
 * {@code pkg/registry/authorization/selfsubjectrulesreview/rest.go} do: the requester's own rights, answered in
 * the review's {@code status} and never stored.
 */
public final class AccessReviews {

  private final RbacAuthorizer authorizer;

  public AccessReviews(RbacAuthorizer authorizer) {
    this.authorizer = authorizer;
  }

  /** The review with its {@code status} set, or an error message when the spec is invalid. */
  public ObjectNode accessReview(UserInfo user, ObjectNode review) {
    JsonNode spec = review.path("spec");
    JsonNode resource = spec.path("resourceAttributes");
    JsonNode nonResource = spec.path("nonResourceAttributes");
    if (resource.isMissingNode() == nonResource.isMissingNode()) {
      throw new IllegalArgumentException("SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: "
          + "spec.resourceAttributes: Invalid value: \"null\": exactly one of nonResourceAttributes or "
          + "resourceAttributes must be specified");
    }
    RequestAttributes request = resource.isMissingNode()
        ? RequestAttributes.nonResource(user, nonResource.path("verb").asText(), nonResource.path("path").asText())
        : RequestAttributes.resource(user, resource.path("verb").asText(), resource.path("group").asText(),
            resource.path("resource").asText(), resource.path("subresource").asText(),
            resource.path("namespace").asText(), resource.path("name").asText());
    Decision decision = authorizer.authorize(request);
    ObjectNode answer = review.deepCopy();
    answer.put("apiVersion", "authorization.k8s.io/v1").put("kind", "SelfSubjectAccessReview");
    ObjectNode status = answer.putObject("status").put("allowed", decision.allowed());
    if (!decision.reason().isEmpty()) {
      status.put("reason", decision.reason());
    }
    return answer;
  }

  /** The rules the requester holds in {@code spec.namespace}, as {@code kubectl auth can-i --list} shows them. */
  public ObjectNode rulesReview(UserInfo user, ObjectNode review) {
    String namespace = review.path("spec").path("namespace").asText("");
    ObjectNode answer = review.deepCopy();
    answer.put("apiVersion", "authorization.k8s.io/v1").put("kind", "SelfSubjectRulesReview");
    ObjectNode status = answer.putObject("status");
    ArrayNode resourceRules = status.putArray("resourceRules");
    ArrayNode nonResourceRules = status.putArray("nonResourceRules");
    Set<PolicyRule> rules = new LinkedHashSet<>();
    if (user.isMaster()) {
      rules.add(new PolicyRule(java.util.List.of("*"), java.util.List.of("*"), java.util.List.of("*"),
          java.util.List.of(), java.util.List.of()));
      rules.add(new PolicyRule(java.util.List.of("*"), java.util.List.of(), java.util.List.of(), java.util.List.of(),
          java.util.List.of("*")));
    }
    authorizer.grants(user, namespace).forEach(g -> rules.add(g.rule()));
    for (PolicyRule rule : rules) {
      if (!rule.resources().isEmpty()) {
        resourceRules.add(rule.toJson());
      }
      if (!rule.nonResourceURLs().isEmpty()) {
        ObjectNode nonResourceRule = nonResourceRules.addObject();
        nonResourceRule.set("verbs", rule.toJson().get("verbs"));
        nonResourceRule.set("nonResourceURLs", rule.toJson().get("nonResourceURLs"));
      }
    }
    status.put("incomplete", false);
    return answer;
  }
}
