package io.qdranthybrid.deploy;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Turns an HTTP request to the Kubernetes API into the attributes RBAC authorizes (verb, group, resource,
 * subresource, name, namespace), as the API server's request-info resolver does. Non-resource paths (discovery,
 * /version) yield nothing.
 */
record ApiRequestAttributes(RbacRequest request, String namespace) {

    static Optional<ApiRequestAttributes> of(String method, URI uri) {
        List<String> parts = Arrays.stream(uri.getRawPath().split("/")).filter(p -> !p.isEmpty()).toList();
        String group;
        List<String> rest;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            group = "";
            rest = parts.subList(2, parts.size());
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            rest = parts.subList(3, parts.size());
        } else {
            return Optional.empty();
        }
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        String namespace = "";
        if (rest.get(0).equals("namespaces") && rest.size() >= 3) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0);
        String name = rest.size() > 1 ? rest.get(1) : "";
        String subresource = rest.size() > 2 ? rest.get(2) : "";
        if (resource.equals("namespaces") && !name.isEmpty()) {
            namespace = name;
        }
        return Optional.of(new ApiRequestAttributes(
                new RbacRequest(verb(method, name, uri.getRawQuery()), group, resource, subresource, name), namespace));
    }

    private static String verb(String method, String name, String query) {
        boolean watch = query != null && (query.contains("watch=true") || query.contains("watch=1"));
        switch (method) {
            case "GET":
                return watch ? "watch" : name.isEmpty() ? "list" : "get";
            case "POST":
                return "create";
            case "PUT":
                return "update";
            case "PATCH":
                return "patch";
            case "DELETE":
                return name.isEmpty() ? "deletecollection" : "delete";
            default:
                throw new IllegalArgumentException("unexpected HTTP method " + method + " to the Kubernetes API");
        }
    }
}
