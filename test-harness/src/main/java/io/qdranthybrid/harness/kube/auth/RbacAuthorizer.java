package io.qdranthybrid.harness.kube.auth;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorizes requests like kube-apiserver's RBAC authorizer ({@code plugin/pkg/auth/authorizer/rbac/rbac.go}):
 * allowed when some rule of some Role or ClusterRole bound to the user, one of its groups or its ServiceAccount
 * allows it; otherwise denied with no reason (RBAC gives "no opinion" and nothing else is configured). Members of
 * {@code system:masters} are allowed everything, like the real server's privileged-group authorizer. The policy
 * view is rebuilt only when an RBAC object changes, and each user's rules per namespace are cached until then.
 */
public final class RbacAuthorizer {

  private record CacheKey(UserInfo user, String namespace) {
  }

  private record View(long version, RbacPolicy policy, Map<CacheKey, List<Grant>> grants) {
  }

  private final RbacObjects objects;
  private volatile View view;

  public RbacAuthorizer(RbacObjects objects) {
    this.objects = objects;
  }

  public Decision authorize(RequestAttributes request) {
    if (request.user().isMaster()) {
      return new Decision(true, "");
    }
    for (Grant grant : grants(request.user(), request.namespace())) {
      if (grant.rule().allows(request)) {
        return new Decision(true, "RBAC: allowed by " + grant.source());
      }
    }
    return Decision.DENIED;
  }

  /** The rules the user holds in the namespace ({@code ""}: cluster-wide rules only), with where each comes from. */
  public List<Grant> grants(UserInfo user, String namespace) {
    View current = current();
    return current.grants().computeIfAbsent(new CacheKey(user, namespace == null ? "" : namespace),
        key -> List.copyOf(current.policy().grants(key.user(), key.namespace())));
  }

  /** The current policy: the rules a roleRef names, for escalation checks. */
  RbacPolicy policy() {
    return current().policy();
  }

  private View current() {
    long version = objects.version();
    View current = view;
    if (current == null || current.version() != version) {
      current = new View(version, new RbacPolicy(objects), new ConcurrentHashMap<>());
      view = current;
    }
    return current;
  }
}
