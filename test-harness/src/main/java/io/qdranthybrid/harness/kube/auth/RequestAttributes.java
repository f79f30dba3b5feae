package io.qdranthybrid.harness.kube.auth;

/**
 * What a request asks to do, as kube-apiserver's {@code authorizer.Attributes} describe it
 * ({@code k8s.io/apiserver/pkg/authorization/authorizer/interfaces.go}): a resource request (verb, API group,
 * resource, subresource, namespace, name) or a non-resource request (verb and path).
 *
 * @param namespace empty for cluster-scoped requests
 * @param name      empty for collections
 */
public record RequestAttributes(UserInfo user, String verb, boolean resourceRequest, String apiGroup,
                                String resource, String subresource, String namespace, String name, String path) {

  public RequestAttributes {
    apiGroup = apiGroup == null ? "" : apiGroup;
    resource = resource == null ? "" : resource;
    subresource = subresource == null ? "" : subresource;
    namespace = namespace == null ? "" : namespace;
    name = name == null ? "" : name;
    path = path == null ? "" : path;
  }

  public static RequestAttributes resource(UserInfo user, String verb, String apiGroup, String resource,
                                           String subresource, String namespace, String name) {
    return new RequestAttributes(user, verb, true, apiGroup, resource, subresource, namespace, name, "");
  }

  public static RequestAttributes nonResource(UserInfo user, String verb, String path) {
    return new RequestAttributes(user, verb, false, "", "", "", "", "", path);
  }

  /** {@code resource/subresource}, the form RBAC rules name subresources in. */
  public String resourceWithSubresource() {
    return subresource.isEmpty() ? resource : resource + "/" + subresource;
  }

  /**
   * The text of a 403, from {@code forbiddenMessage} in
   * {@code k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go}.
   */
  public String forbiddenMessage() {
    if (!resourceRequest) {
      return "User \"" + user.name() + "\" cannot " + verb + " path \"" + path + "\"";
    }
    String scope = namespace.isEmpty() ? "at the cluster scope" : "in the namespace \"" + namespace + "\"";
    return "User \"" + user.name() + "\" cannot " + verb + " resource \"" + resourceWithSubresource()
        + "\" in API group \"" + apiGroup + "\" " + scope;
  }
}
