package io.qdranthybrid.harness.kube;

/** The error an injected fault answers with, each with the Status body the real API server sends. */
public enum InjectedFailure {
  /** 409 Conflict, as if another writer had just modified the object. */
  CONFLICT,
  /** 429 TooManyRequests with a Retry-After header, as API priority and fairness does under load. */
  TOO_MANY_REQUESTS,
  /** 500 InternalError, as when etcd is briefly unavailable. */
  INTERNAL_ERROR,
  /** 403 Forbidden, as when the caller's RBAC does not allow the request (e.g. no ClusterRole for nodes). */
  FORBIDDEN;

  ApiException toException(ResourceType type, String name) {
    return switch (this) {
      case CONFLICT -> type != null && name != null ? ApiException.conflict(type, name)
          : new ApiException(409, "Conflict", "Operation cannot be fulfilled: injected conflict", type, name, null);
      case TOO_MANY_REQUESTS -> new ApiException(429, "TooManyRequests",
          "the server has received too many requests and has asked us to try again later", type, name, 1);
      case INTERNAL_ERROR -> new ApiException(500, "InternalError",
          "an error on the server (\"etcdserver: request timed out\") has prevented the request from succeeding",
          type, name, null);
      case FORBIDDEN -> new ApiException(403, "Forbidden", (type == null ? "the resource" : type.qualifiedName())
          + " is forbidden: injected RBAC denial", type, name, null);
    };
  }
}
