package io.qdranthybrid.deploy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Builds a client that records the RBAC attributes of every API request it sends (watches included), so a test
 * can run a component (the operator, the agent) on the simulated cluster, which does not enforce RBAC, and then
 * check each request against the Role the manifests give that component.
 */
final class ApiRequestRecorder {

    private final List<ApiRequestAttributes> requests = new CopyOnWriteArrayList<>();

    KubernetesClient client(Config config) {
        Interceptor recorder = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                ApiRequestAttributes.of(request.method(), request.uri()).ifPresent(requests::add);
            }
        };
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new OkHttpClientFactory())
                .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("rbac-audit", recorder))
                .build();
    }

    List<ApiRequestAttributes> requests() {
        return List.copyOf(requests);
    }

    /** The distinct requests the rules do not allow. */
    List<RbacRequest> forbiddenBy(List<PolicyRule> rules) {
        return requests.stream().map(ApiRequestAttributes::request)
                .filter(request -> !RbacRuleMatcher.allows(rules, request)).distinct().toList();
    }

    /** Distinct "verb resource[/subresource]" pairs, for assertions on what was exercised. */
    List<String> verbsAndResources() {
        return requests.stream().map(r -> r.request().verb() + " " + r.request().resource()
                + (r.request().subresource().isEmpty() ? "" : "/" + r.request().subresource())).distinct().toList();
    }
}
