package io.qdranthybrid.harness.kube.auth;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * Bearer-token authentication, like kube-apiserver's token authenticators: a token names a user, or a
 * ServiceAccount whose token stops working once the ServiceAccount is deleted (bound tokens are checked against
 * the live object, {@code pkg/serviceaccount/claims.go}). k3s runs with anonymous auth off, so a request without a
 * valid token is simply unauthenticated (401).
 */
public final class Authenticator {

  /** The token of the default kubeconfig and client config: the cluster admin. */
  public static final String ADMIN_TOKEN = "simulated";

  private record ServiceAccountRef(String namespace, String name) {
  }

  private final SecureRandom random = new SecureRandom();
  private final Map<String, UserInfo> users = new ConcurrentHashMap<>();
  private final Map<String, ServiceAccountRef> serviceAccounts = new ConcurrentHashMap<>();
  private final Map<ServiceAccountRef, String> serviceAccountTokens = new ConcurrentHashMap<>();
  private final BiPredicate<String, String> serviceAccountExists;

  /** @param serviceAccountExists whether a ServiceAccount (namespace, name) exists now */
  public Authenticator(BiPredicate<String, String> serviceAccountExists) {
    this.serviceAccountExists = serviceAccountExists;
    users.put(ADMIN_TOKEN, UserInfo.ADMIN);
  }

  /** A token for a user that is not a ServiceAccount (a controller's own identity, a human user). */
  public String tokenForUser(UserInfo user) {
    String token = mint("u");
    users.put(token, user);
    return token;
  }

  /** The token of an existing ServiceAccount (one per ServiceAccount, minted on first request). */
  public String tokenForServiceAccount(String namespace, String name) {
    if (!serviceAccountExists.test(namespace, name)) {
      throw new IllegalArgumentException("serviceaccounts \"" + name + "\" not found in namespace " + namespace
          + ": create the ServiceAccount before asking for its token");
    }
    ServiceAccountRef ref = new ServiceAccountRef(namespace, name);
    return serviceAccountTokens.computeIfAbsent(ref, r -> {
      String token = mint("sa");
      serviceAccounts.put(token, r);
      return token;
    });
  }

  /** The user of an {@code Authorization} header's bearer token, empty when missing or not valid (now). */
  public Optional<UserInfo> authenticate(String authorizationHeader) {
    if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = authorizationHeader.substring(7).trim();
    UserInfo user = users.get(token);
    if (user != null) {
      return Optional.of(user);
    }
    ServiceAccountRef ref = serviceAccounts.get(token);
    if (ref == null || !serviceAccountExists.test(ref.namespace(), ref.name())) {
      return Optional.empty();
    }
    return Optional.of(UserInfo.serviceAccount(ref.namespace(), ref.name()));
  }

  private String mint(String kind) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return kind + "." + HexFormat.of().formatHex(bytes);
  }
}
