package io.qdranthybrid.harness.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.qdranthybrid.harness.kube.auth.AccessReviews;
import io.qdranthybrid.harness.kube.auth.Authenticator;
import io.qdranthybrid.harness.kube.auth.EscalationCheck;
import io.qdranthybrid.harness.kube.auth.RbacAuthorizer;
import io.qdranthybrid.harness.kube.auth.RbacObjects;
import io.qdranthybrid.harness.kube.auth.RequestAttributes;
import io.qdranthybrid.harness.kube.auth.UserInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the API server's request chain authenticates and authorizes, as kube-apiserver's filters do before any
 * handler runs ({@code k8s.io/apiserver/pkg/endpoints/filters/authentication.go}, {@code authorization.go}):
 * 401 without a valid token, 403 when RBAC does not allow the request. It also answers the self-reviews, and makes
 * the requester known to the RBAC escalation checks that run as admission on Role and binding writes.
 */
final class AccessControl {

  private static final String RBAC_GROUP = "rbac.authorization.k8s.io";
  private static final String AUTHORIZATION_GROUP = "authorization.k8s.io";
  /** The user of the request this thread is serving; writes made in-process (no request) are not checked. */
  private static final ThreadLocal<UserInfo> REQUESTER = new ThreadLocal<>();

  private final ObjectMapper mapper;
  private final Authenticator authenticator;
  private final RbacAuthorizer authorizer;
  private final AccessReviews reviews;

  AccessControl(ObjectMapper mapper, ObjectStore store, ResourceTypes types, AdmissionRules admission) {
    this.mapper = mapper;
    ResourceType serviceAccounts = types.find("", "v1", "serviceaccounts").orElseThrow();
    this.authenticator = new Authenticator((namespace, name) -> store.get(serviceAccounts, namespace, name) != null);
    this.authorizer = new RbacAuthorizer(new StoredRbacObjects(store, types));
    this.reviews = new AccessReviews(authorizer);
    types.register(new ResourceType(AUTHORIZATION_GROUP, "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews",
        false, false, null));
    types.register(new ResourceType(AUTHORIZATION_GROUP, "v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews",
        false, false, null));
    EscalationCheck escalation = new EscalationCheck(authorizer);
    for (String kind : List.of("Role", "ClusterRole")) {
      admission.register(kind, AdmissionRules.Rejection.FORBIDDEN, (before, after) -> requester()
          .flatMap(user -> escalation.checkRole(user, namespaceOf(after), after.getMetadata().getName(),
              mapper.valueToTree(after))));
    }
    for (String kind : List.of("RoleBinding", "ClusterRoleBinding")) {
      admission.register(kind, AdmissionRules.Rejection.FORBIDDEN, (before, after) -> requester()
          .flatMap(user -> escalation.checkBinding(user, namespaceOf(after), mapper.valueToTree(after))));
    }
  }

  private static String namespaceOf(io.fabric8.kubernetes.api.model.HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    return namespace == null ? "" : namespace;
  }

  private static Optional<UserInfo> requester() {
    return Optional.ofNullable(REQUESTER.get());
  }

  Authenticator authenticator() {
    return authenticator;
  }

  RbacAuthorizer authorizer() {
    return authorizer;
  }

  /** Installs the default ClusterRoles and bindings a fresh cluster has (see bootstrap-policy.yaml). */
  static void installBootstrapPolicy(ObjectMapper mapper, ObjectWrites writes, ResourceTypes types) {
    try (InputStream in = AccessControl.class.getResourceAsStream("auth/bootstrap-policy.yaml")) {
      if (in == null) {
        throw new IllegalStateException("bootstrap-policy.yaml is missing from the test-harness jar");
      }
      var documents = new ObjectMapper(new YAMLFactory()).readerFor(ObjectNode.class).readValues(in);
      while (documents.hasNext()) {
        ObjectNode object = (ObjectNode) documents.next();
        String plural = object.path("kind").asText().toLowerCase(Locale.ROOT) + "s";
        writes.create(types.find(RBAC_GROUP, "v1", plural).orElseThrow(), null, object);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Authenticates and authorizes the request and remembers its user for this thread until {@link #leave()}.
   * Returns the answer of a self-review (which needs no handler), or null to let the request go on.
   */
  ObjectNode enter(RecordedRequest request, ApiPath path, Verb verb) {
    UserInfo user = authenticator.authenticate(request.getHeader("Authorization"))
        .orElseThrow(() -> new ApiException(401, "Unauthorized", "Unauthorized", null, null, null));
    REQUESTER.set(user);
    RequestAttributes attributes = attributes(user, request, path, verb);
    if (!authorizer.authorize(attributes).allowed()) {
      throw forbidden(attributes);
    }
    if (path instanceof ApiPath.Resource resource && resource.group().equals(AUTHORIZATION_GROUP)
        && verb == Verb.CREATE) {
      ObjectNode body = body(request);
      try {
        return switch (resource.plural()) {
          case "selfsubjectaccessreviews" -> reviews.accessReview(user, body);
          case "selfsubjectrulesreviews" -> reviews.rulesReview(user, body);
          default -> null;
        };
      } catch (IllegalArgumentException e) {
        throw new ApiException(422, "Invalid", e.getMessage(), null, null, null);
      }
    }
    return null;
  }

  /** The user of the request being served, for the journal; null when it was not authenticated. */
  String currentUser() {
    UserInfo user = REQUESTER.get();
    return user == null ? null : user.name();
  }

  void leave() {
    REQUESTER.remove();
  }

  private static RequestAttributes attributes(UserInfo user, RecordedRequest request, ApiPath path, Verb verb) {
    if (path instanceof ApiPath.Resource resource) {
      return RequestAttributes.resource(user, verb.name().toLowerCase(Locale.ROOT), resource.group(),
          resource.plural(), resource.subresource(), resource.namespace(), resource.name());
    }
    String raw = request.getPath();
    int q = raw.indexOf('?');
    return RequestAttributes.nonResource(user, request.getMethod().toLowerCase(Locale.ROOT),
        q < 0 ? raw : raw.substring(0, q));
  }

  /** {@code errors.NewForbidden}: {@code <resource>[.<group>] ["<name>"] is forbidden: <why>}. */
  private static ApiException forbidden(RequestAttributes a) {
    String message;
    if (!a.resourceRequest()) {
      message = "forbidden: " + a.forbiddenMessage();
    } else {
      String qualified = a.apiGroup().isEmpty() ? a.resource() : a.resource() + "." + a.apiGroup();
      message = qualified + (a.name().isEmpty() ? "" : " \"" + a.name() + "\"") + " is forbidden: "
          + a.forbiddenMessage();
    }
    ResourceType details = a.resourceRequest()
        ? new ResourceType(a.apiGroup(), "v1", "", a.resource(), false, false, null) : null;
    return new ApiException(403, "Forbidden", message, details, a.name().isEmpty() ? null : a.name(), null);
  }

  private ObjectNode body(RecordedRequest request) {
    try {
      JsonNode node = mapper.readTree(request.getUtf8Body());
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException | RuntimeException e) {
      // fall through to the 400 below
    }
    throw ApiException.badRequest("the request body must be a JSON object");
  }

  /** The store's RBAC objects; the version moves with every write to any of the four kinds. */
  private static final class StoredRbacObjects implements RbacObjects {

    private final ObjectStore store;
    private final ResourceType roles;
    private final ResourceType clusterRoles;
    private final ResourceType roleBindings;
    private final ResourceType clusterRoleBindings;

    StoredRbacObjects(ObjectStore store, ResourceTypes types) {
      this.store = store;
      this.roles = rbac(types, "roles");
      this.clusterRoles = rbac(types, "clusterroles");
      this.roleBindings = rbac(types, "rolebindings");
      this.clusterRoleBindings = rbac(types, "clusterrolebindings");
    }

    private static ResourceType rbac(ResourceTypes types, String plural) {
      return types.find(RBAC_GROUP, "v1", plural).orElseThrow();
    }

    @Override
    public List<JsonNode> roles() {
      return nodes(roles);
    }

    @Override
    public List<JsonNode> clusterRoles() {
      return nodes(clusterRoles);
    }

    @Override
    public List<JsonNode> roleBindings() {
      return nodes(roleBindings);
    }

    @Override
    public List<JsonNode> clusterRoleBindings() {
      return nodes(clusterRoleBindings);
    }

    private List<JsonNode> nodes(ResourceType type) {
      return store.list(type, null, Selector.EVERYTHING).items().stream().map(o -> (JsonNode) o.node()).toList();
    }

    @Override
    public long version() {
      return store.lastWrite(roles) + store.lastWrite(clusterRoles) + store.lastWrite(roleBindings)
          + store.lastWrite(clusterRoleBindings);
    }
  }
}
