package io.qdranthybrid.deploy;

/**
 * One resource request as the Kubernetes RBAC authorizer sees it: a verb on a resource (and subresource) of an
 * API group, with the object's name when the request has one (get, update, patch, delete; not list, watch,
 * create or deletecollection).
 */
record RbacRequest(String verb, String apiGroup, String resource, String subresource, String name) {

    static RbacRequest of(String verb, String apiGroup, String resource) {
        return new RbacRequest(verb, apiGroup, resource, "", "");
    }

    static RbacRequest named(String verb, String apiGroup, String resource, String name) {
        return new RbacRequest(verb, apiGroup, resource, "", name);
    }

    static RbacRequest subresource(String verb, String apiGroup, String resource, String subresource, String name) {
        return new RbacRequest(verb, apiGroup, resource, subresource, name);
    }

    @Override
    public String toString() {
        String target = (apiGroup.isEmpty() ? "core" : apiGroup) + "/" + resource
                + (subresource.isEmpty() ? "" : "/" + subresource) + (name.isEmpty() ? "" : " " + name);
        return verb + " " + target;
    }
}
