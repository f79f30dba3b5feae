package io.qdranthybrid.harness.kube;

/**
 * One request the simulated API server received.
 *
 * @param verb        what it did
 * @param group       API group, empty for core and for discovery requests
 * @param resource    plural, e.g. {@code statefulsets}; empty for discovery requests
 * @param kind        the kind the plural belongs to, empty when unknown
 * @param namespace   namespace, null when cluster-wide
 * @param name        object name, null for collections
 * @param subresource {@code status}, {@code scale}, or null
 * @param code        the HTTP status the server answered (101 for an accepted watch)
 * @param client      the request's User-Agent, which tells components apart (empty when absent)
 * @param user        the authenticated user name ({@code system:serviceaccount:ns:name} for a ServiceAccount),
 *                    empty when the request was not authenticated
 */
public record ApiCall(Verb verb, String group, String resource, String kind, String namespace, String name,
                      String subresource, int code, String client, String user) {

  public ApiCall(Verb verb, String group, String resource, String kind, String namespace, String name,
                 String subresource, int code, String client) {
    this(verb, group, resource, kind, namespace, name, subresource, code, client, "");
  }

  /** Whether the server carried the request out (2xx, or an accepted watch). */
  public boolean succeeded() {
    return code >= 200 && code < 300 || code == 101;
  }

  ApiCall withCode(int answered) {
    return new ApiCall(verb, group, resource, kind, namespace, name, subresource, answered, client, user);
  }

  ApiCall withClient(String userAgent) {
    return new ApiCall(verb, group, resource, kind, namespace, name, subresource, code,
        userAgent == null ? "" : userAgent, user);
  }

  ApiCall withUser(String userName) {
    return new ApiCall(verb, group, resource, kind, namespace, name, subresource, code, client,
        userName == null ? "" : userName);
  }

  /** The RBAC resource the call addressed, {@code plural/subresource} for subresources. */
  public String rbacResource() {
    return subresource == null ? resource : resource + "/" + subresource;
  }

  /** Whether the request came from a client whose User-Agent starts with {@code prefix}. */
  public boolean from(String prefix) {
    return client.startsWith(prefix);
  }
}
