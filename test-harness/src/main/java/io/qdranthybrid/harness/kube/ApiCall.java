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
 */
public record ApiCall(Verb verb, String group, String resource, String kind, String namespace, String name,
                      String subresource, int code, String client) {

  /** Whether the server carried the request out (2xx, or an accepted watch). */
  public boolean succeeded() {
    return code >= 200 && code < 300 || code == 101;
  }

  ApiCall withCode(int answered) {
    return new ApiCall(verb, group, resource, kind, namespace, name, subresource, answered, client);
  }

  ApiCall withClient(String userAgent) {
    return new ApiCall(verb, group, resource, kind, namespace, name, subresource, code,
        userAgent == null ? "" : userAgent);
  }

  /** Whether the request came from a client whose User-Agent starts with {@code prefix}. */
  public boolean from(String prefix) {
    return client.startsWith(prefix);
  }
}
