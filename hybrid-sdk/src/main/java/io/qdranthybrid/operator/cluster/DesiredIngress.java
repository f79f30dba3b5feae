package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.qdranthybrid.operator.cluster.QdrantConfigRenderer.HTTP_PORT;

/**
 * {@code qdrant-<id>}, a Kubernetes Ingress to the client Service's REST port when {@code spec.ingress.enabled}.
 * Nginx source-range allow-lists become the ingress-nginx annotation. (Traefik IngressRoutes, the real
 * operator's QdrantCloudTraefik provider, are not generated.)
 */
public final class DesiredIngress {

    static final String NGINX_ALLOW_LIST = "nginx.ingress.kubernetes.io/whitelist-source-range";

    private DesiredIngress() {
    }

    public static Optional<Ingress> build(ClusterContext ctx) {
        io.qdranthybrid.crd.Ingress settings = ctx.spec().getIngress();
        if (settings == null || !Boolean.TRUE.equals(settings.getEnabled())) {
            return Optional.empty();
        }
        ClusterNames names = ctx.names();
        Map<String, String> annotations = new LinkedHashMap<>();
        if (settings.getAnnotations() != null) {
            annotations.putAll(settings.getAnnotations());
        }
        if (settings.getNginx() != null && settings.getNginx().getAllowedSourceRanges() != null
                && !settings.getNginx().getAllowedSourceRanges().isEmpty()) {
            annotations.put(NGINX_ALLOW_LIST, String.join(",", settings.getNginx().getAllowedSourceRanges()));
        }
        List<IngressTLS> tls = Boolean.TRUE.equals(settings.getTls())
                ? List.of(new IngressTLSBuilder().withHosts(settings.getHost()).withSecretName(settings.getTlsSecretName()).build())
                : null;
        return Optional.of(new IngressBuilder()
                .withNewMetadata().withName(names.ingress()).withNamespace(ctx.namespace())
                    .withLabels(names.labels()).withAnnotations(annotations.isEmpty() ? null : annotations)
                    .withOwnerReferences(ctx.ownerReference()).endMetadata()
                .withNewSpec()
                    .withIngressClassName(settings.getIngressClassName())
                    .withTls(tls)
                    .addNewRule().withHost(settings.getHost())
                        .withNewHttp().addNewPath().withPath("/").withPathType("Prefix")
                            .withNewBackend().withNewService().withName(names.clientService())
                                .withNewPort().withNumber(HTTP_PORT).endPort()
                            .endService().endBackend()
                        .endPath().endHttp()
                    .endRule()
                .endSpec()
                .build());
    }
}
