package io.qdranthybrid.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdranthybrid.protocol.message.NackReason;

import java.util.Optional;

/**
 * Keeps component releases in the shape Flux's helm-controller executes: a HelmRelease names its chart, version and
 * a HelmRepository source in the agent's namespace, a HelmRepository its URL, both an interval (defaulted). Nothing
 * may make the helm-controller install into, or read from, another namespace.
 */
final class ComponentReleaseShape {

    static final String DEFAULT_INTERVAL = "10m";

    /** Why a component release is refused. */
    record Problem(NackReason reason, String message) {
    }

    private ComponentReleaseShape() {
    }

    /** Checks {@code manifest} and fills defaults into it; empty when it is fine. */
    static Optional<Problem> check(ManagedKind kind, ObjectNode manifest, String namespace) {
        JsonNode spec = manifest.path("spec");
        if (!spec.isObject()) {
            return invalid(kind.kind() + " needs a spec");
        }
        ObjectNode specObject = (ObjectNode) spec;
        if (!specObject.hasNonNull("interval")) {
            specObject.put("interval", DEFAULT_INTERVAL);
        }
        if (kind == ManagedKind.HELM_REPOSITORY) {
            return spec.path("url").asText("").isBlank() ? invalid("HelmRepository needs spec.url") : Optional.empty();
        }
        JsonNode chart = spec.path("chart").path("spec");
        if (chart.path("chart").asText("").isBlank()) {
            return invalid("HelmRelease needs spec.chart.spec.chart (the chart name)");
        }
        JsonNode source = chart.path("sourceRef");
        if (!"HelmRepository".equals(source.path("kind").asText()) || source.path("name").asText("").isBlank()) {
            return invalid("HelmRelease needs spec.chart.spec.sourceRef {kind: HelmRepository, name}");
        }
        for (String field : new String[] {"targetNamespace", "storageNamespace"}) {
            String other = spec.path(field).asText("");
            if (!other.isEmpty() && !other.equals(namespace)) {
                return forbidden("spec." + field + " '" + other + "'", namespace);
            }
        }
        String sourceNamespace = source.path("namespace").asText("");
        if (!sourceNamespace.isEmpty() && !sourceNamespace.equals(namespace)) {
            return forbidden("spec.chart.spec.sourceRef.namespace '" + sourceNamespace + "'", namespace);
        }
        if (spec.has("kubeConfig")) {
            return forbidden("spec.kubeConfig (a remote cluster)", namespace);
        }
        return Optional.empty();
    }

    private static Optional<Problem> invalid(String message) {
        return Optional.of(new Problem(NackReason.INVALID, message));
    }

    private static Optional<Problem> forbidden(String what, String namespace) {
        return Optional.of(new Problem(NackReason.FORBIDDEN_NAMESPACE, what + " is outside this agent's namespace '"
                + namespace + "'"));
    }
}
