package io.qdranthybrid.harness.kube.auth;

import java.util.List;

/**
 * Who a request comes from, as kube-apiserver's authenticators describe it ({@code k8s.io/apiserver/pkg/authentication/user}):
 * a name and the groups it belongs to.
 */
public record UserInfo(String name, List<String> groups) {

  public static final String MASTERS = "system:masters";
  public static final String AUTHENTICATED = "system:authenticated";
  private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

  /** The cluster admin the harness's default kubeconfig authenticates as (k3s' admin is in system:masters too). */
  public static final UserInfo ADMIN = new UserInfo("system:admin", List.of(MASTERS, AUTHENTICATED));

  public UserInfo {
    groups = List.copyOf(groups);
  }

  /** A ServiceAccount's user, with the groups the token authenticator gives it (serviceaccount/util.go). */
  public static UserInfo serviceAccount(String namespace, String name) {
    return new UserInfo(SERVICE_ACCOUNT_PREFIX + namespace + ":" + name,
        List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, AUTHENTICATED));
  }

  /** A user authenticated by some other means (a client certificate in k3s), always in system:authenticated. */
  public static UserInfo user(String name, String... groups) {
    List<String> all = new java.util.ArrayList<>(List.of(groups));
    if (!all.contains(AUTHENTICATED)) {
      all.add(AUTHENTICATED);
    }
    return new UserInfo(name, all);
  }

  public boolean isMaster() {
    return groups.contains(MASTERS);
  }

  /** The ServiceAccount's namespace, or null when this is not a ServiceAccount. */
  public String serviceAccountNamespace() {
    if (!name.startsWith(SERVICE_ACCOUNT_PREFIX)) {
      return null;
    }
    String rest = name.substring(SERVICE_ACCOUNT_PREFIX.length());
    int colon = rest.indexOf(':');
    return colon < 0 ? null : rest.substring(0, colon);
  }

  /** The ServiceAccount's name, or null when this is not a ServiceAccount. */
  public String serviceAccountName() {
    String namespace = serviceAccountNamespace();
    return namespace == null ? null : name.substring(SERVICE_ACCOUNT_PREFIX.length() + namespace.length() + 1);
  }
}
