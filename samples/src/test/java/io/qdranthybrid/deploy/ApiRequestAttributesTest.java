package io.qdranthybrid.deploy;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP requests map to the RBAC attributes the API server authorizes, as its request-info resolver does. */
class ApiRequestAttributesTest {

    private static ApiRequestAttributes of(String method, String url) {
        return ApiRequestAttributes.of(method, URI.create("https://10.43.0.1:443" + url)).orElseThrow();
    }

    @Test
    void namespacedCoreAndGroupRequestsCarryVerbResourceAndName() {
        assertThat(of("GET", "/api/v1/namespaces/ns/secrets/creds"))
                .isEqualTo(new ApiRequestAttributes(RbacRequest.named("get", "", "secrets", "creds"), "ns"));
        assertThat(of("GET", "/apis/apps/v1/namespaces/ns/statefulsets"))
                .isEqualTo(new ApiRequestAttributes(RbacRequest.of("list", "apps", "statefulsets"), "ns"));
        assertThat(of("POST", "/apis/coordination.k8s.io/v1/namespaces/ns/leases").request().verb())
                .isEqualTo("create");
        assertThat(of("DELETE", "/api/v1/namespaces/ns/pods").request().verb()).isEqualTo("deletecollection");
    }

    @Test
    void watchesAndSubresourcesAreRecognised() {
        assertThat(of("GET", "/api/v1/namespaces/ns/pods?watch=true&resourceVersion=12").request())
                .isEqualTo(RbacRequest.of("watch", "", "pods"));
        assertThat(of("PUT", "/apis/qdrant.io/v1/namespaces/ns/qdrantclusters/c1/status").request())
                .isEqualTo(RbacRequest.subresource("update", "qdrant.io", "qdrantclusters", "status", "c1"));
    }

    @Test
    void clusterScopedRequestsHaveNoNamespaceAndDiscoveryIsNotAResource() {
        assertThat(of("GET", "/apis/storage.k8s.io/v1/storageclasses/local-path"))
                .isEqualTo(new ApiRequestAttributes(RbacRequest.named("get", "storage.k8s.io", "storageclasses",
                        "local-path"), ""));
        assertThat(of("GET", "/api/v1/namespaces/ns"))
                .isEqualTo(new ApiRequestAttributes(RbacRequest.named("get", "", "namespaces", "ns"), "ns"));
        assertThat(ApiRequestAttributes.of("GET", URI.create("https://h/apis/qdrant.io/v1"))).isEmpty();
        assertThat(ApiRequestAttributes.of("GET", URI.create("https://h/version"))).isEmpty();
    }
}
