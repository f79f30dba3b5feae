package io.qdranthybrid.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdranthybrid.protocol.message.KubernetesNames;
import io.qdranthybrid.protocol.message.NackReason;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps component releases in the shape Flux's helm-controller executes, by allow-list: a HelmRelease names its chart,
 * version and a HelmRepository source in the agent's namespace, values, an interval (defaulted) and its
 * install/upgrade/rollback/uninstall/test settings; a HelmRepository its URL under a configured registry. Fields that
 * would widen what the helm-controller does are refused by name: {@code postRenderers} (arbitrary patches of every
 * rendered object), {@code serviceAccountName} (another identity), {@code valuesFrom} (reads any ConfigMap or
 * Secret), {@code chartRef} (another source kind), {@code kubeConfig} (another cluster), {@code accessFrom},
 * {@code passCredentials}; so is every field Flux may add later until it is reviewed. Nothing may make the
 * helm-controller install into, or read from, another namespace. Field names: Flux's HelmRelease v2 and
 * HelmRepository v1 API references (fluxcd.io/flux/components/helm/api/v2, .../source/api/v1).
 */
final class ComponentReleaseShape {

    static final String DEFAULT_INTERVAL = "10m";

    private static final Set<String> RELEASE_FIELDS = Set.of("chart", "interval", "suspend", "releaseName",
            "targetNamespace", "storageNamespace", "dependsOn", "timeout", "maxHistory", "driftDetection", "install",
            "upgrade", "rollback", "uninstall", "test", "values");
    private static final Set<String> CHART_FIELDS = Set.of("chart", "version", "sourceRef", "interval",
            "reconcileStrategy", "verify");
    private static final Set<String> REPOSITORY_FIELDS = Set.of("url", "type", "interval", "timeout", "suspend",
            "provider", "secretRef", "certSecretRef");
    /** Settings objects taken as they are: they tune how Helm runs, not what it runs or as whom. */
    private static final Set<String> SETTINGS_OBJECTS = Set.of("driftDetection", "install", "upgrade", "rollback",
            "uninstall", "test", "values");

    /** Why a component release is refused. */
    record Problem(NackReason reason, String message) {
    }

    private ComponentReleaseShape() {
    }

    /** Checks {@code manifest} and fills defaults into it; empty when it is fine. */
    static Optional<Problem> check(ManagedKind kind, ObjectNode manifest, String namespace,
                                   ComponentReleasePolicy policy) {
        JsonNode spec = manifest.path("spec");
        if (!spec.isObject()) {
            return invalid(kind.kind() + " needs a spec");
        }
        ObjectNode specObject = (ObjectNode) spec;
        if (!specObject.hasNonNull("interval")) {
            specObject.put("interval", DEFAULT_INTERVAL);
        }
        return kind == ManagedKind.HELM_REPOSITORY ? checkRepository(spec, policy) : checkRelease(spec, namespace, policy);
    }

    private static Optional<Problem> checkRepository(JsonNode spec, ComponentReleasePolicy policy) {
        Optional<Problem> unknown = onlyAllowed("spec", spec, REPOSITORY_FIELDS);
        if (unknown.isPresent()) {
            return unknown;
        }
        String url = spec.path("url").asText("");
        if (url.isBlank()) {
            return invalid("HelmRepository needs spec.url");
        }
        if (!policy.allowsRepository(url)) {
            return forbidden("spec.url '" + KubernetesNames.shown(url) + "' is not under an allowed Helm repository "
                    + policy.repositoryUrls() + " (setting qdrant.agent.helm.allowed-repositories)");
        }
        for (String ref : new String[] {"secretRef", "certSecretRef"}) {
            Optional<Problem> problem = secretRef("spec." + ref, spec.get(ref), policy);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> checkRelease(JsonNode spec, String namespace, ComponentReleasePolicy policy) {
        Optional<Problem> unknown = onlyAllowed("spec", spec, RELEASE_FIELDS);
        if (unknown.isPresent()) {
            return unknown;
        }
        for (String field : SETTINGS_OBJECTS) {
            JsonNode value = spec.get(field);
            if (value != null && !value.isNull() && !value.isObject()) {
                return invalid("spec." + field + " must be an object");
            }
        }
        JsonNode chart = spec.path("chart").path("spec");
        if (!chart.isObject() || chart.path("chart").asText("").isBlank()) {
            return invalid("HelmRelease needs spec.chart.spec.chart (the chart name)");
        }
        Optional<Problem> unknownChart = onlyAllowed("spec.chart.spec", chart, CHART_FIELDS);
        if (unknownChart.isPresent()) {
            return unknownChart;
        }
        JsonNode source = chart.path("sourceRef");
        if (!"HelmRepository".equals(source.path("kind").asText()) || source.path("name").asText("").isBlank()) {
            return invalid("HelmRelease needs spec.chart.spec.sourceRef {kind: HelmRepository, name}");
        }
        Optional<Problem> verify = secretRef("spec.chart.spec.verify.secretRef", chart.path("verify").get("secretRef"),
                policy);
        if (verify.isPresent()) {
            return verify;
        }
        for (String field : new String[] {"targetNamespace", "storageNamespace"}) {
            String other = spec.path(field).asText("");
            if (!other.isEmpty() && !other.equals(namespace)) {
                return foreignNamespace("spec." + field + " '" + KubernetesNames.shown(other) + "'", namespace);
            }
        }
        String sourceNamespace = source.path("namespace").asText("");
        if (!sourceNamespace.isEmpty() && !sourceNamespace.equals(namespace)) {
            return foreignNamespace("spec.chart.spec.sourceRef.namespace '" + KubernetesNames.shown(sourceNamespace)
                    + "'", namespace);
        }
        JsonNode dependsOn = spec.path("dependsOn");
        if (!dependsOn.isMissingNode() && !dependsOn.isNull() && !dependsOn.isArray()) {
            return invalid("spec.dependsOn must be a list of {name, namespace}");
        }
        for (JsonNode dependency : dependsOn) {
            String other = dependency.path("namespace").asText("");
            if (!other.isEmpty() && !other.equals(namespace)) {
                return foreignNamespace("spec.dependsOn namespace '" + KubernetesNames.shown(other) + "'", namespace);
            }
        }
        return Optional.empty();
    }

    /** Every field of {@code object} must be on the allow-list; the first one that is not is named. */
    private static Optional<Problem> onlyAllowed(String path, JsonNode object, Set<String> allowed) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            String field = it.next().getKey();
            if (!allowed.contains(field)) {
                return forbidden(path + "." + KubernetesNames.shown(field) + " is not allowed in a component release "
                        + "(allowed: " + new java.util.TreeSet<>(allowed) + ")" + why(field));
            }
        }
        return Optional.empty();
    }

    private static String why(String field) {
        return switch (field) {
            case "postRenderers" -> ": post-renderers could patch every object the chart renders";
            case "serviceAccountName" -> ": the release would run as another ServiceAccount";
            case "valuesFrom" -> ": values from ConfigMaps or Secrets could read any of them";
            case "chartRef" -> ": charts come only from a HelmRepository source";
            case "kubeConfig" -> ": releases install into this cluster only";
            case "accessFrom" -> ": the source must not be shared with other namespaces";
            case "passCredentials" -> ": credentials must not be passed to other hosts";
            default -> "";
        };
    }

    private static Optional<Problem> secretRef(String path, JsonNode ref, ComponentReleasePolicy policy) {
        if (ref == null || ref.isNull()) {
            return Optional.empty();
        }
        String name = ref.path("name").asText("");
        if (!policy.allowsSecret(name)) {
            return forbidden(path + " names Secret '" + KubernetesNames.shown(name) + "', which is not one of the "
                    + "Secrets component releases may use " + new java.util.TreeSet<>(policy.secretNames())
                    + " (setting qdrant.agent.helm.allowed-secrets)");
        }
        return Optional.empty();
    }

    private static Optional<Problem> invalid(String message) {
        return Optional.of(new Problem(NackReason.INVALID, message));
    }

    private static Optional<Problem> forbidden(String message) {
        return Optional.of(new Problem(NackReason.FORBIDDEN, message));
    }

    private static Optional<Problem> foreignNamespace(String what, String namespace) {
        return Optional.of(new Problem(NackReason.FORBIDDEN_NAMESPACE, what + " is outside this agent's namespace '"
                + namespace + "'"));
    }
}
