package io.qdranthybrid.operator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.QdrantSecretKeyRef;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a QdrantCluster spec against the install's {@link PodPolicy}: spec in, violations out, nothing touched. Each
 * violation names the field and the setting that would allow it.
 */
public final class PodPolicyCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "qdrant.operator.policy.";

    private PodPolicyCheck() {
    }

    /**
     * @param operatorRepository the operator's configured image repository, allowed when the policy names none
     */
    public static List<PolicyViolation> violations(QdrantClusterSpec spec, PodPolicy policy, String operatorRepository) {
        List<PolicyViolation> found = new ArrayList<>();
        image(spec, policy, operatorRepository, found);
        user(spec, policy, found);
        volumes(spec, policy, found);
        environment(spec, policy, found);
        secretRefs(spec, policy, found);
        annotations("spec.service.annotations", spec.getService() == null ? null : spec.getService().getAnnotations(),
                policy.serviceAnnotations(), "service-annotations", found);
        annotations("spec.ingress.annotations", spec.getIngress() == null ? null : spec.getIngress().getAnnotations(),
                policy.ingressAnnotations(), "ingress-annotations", found);
        return found;
    }

    private static void image(QdrantClusterSpec spec, PodPolicy policy, String operatorRepository,
                              List<PolicyViolation> found) {
        if (spec.getImage() == null) {
            return;
        }
        String repository = spec.getImage().getRepository();
        if (repository != null && !repository.isBlank() && !policy.allowsImage(repository, operatorRepository)) {
            found.add(new PolicyViolation("spec.image.repository", "image repository '" + repository
                    + "' is not allowed (allowed: " + (policy.allowedImageRepositories().isEmpty()
                    ? List.of(operatorRepository) : policy.allowedImageRepositories()) + ")",
                    PREFIX + "allowed-image-repositories"));
        }
        secret("spec.image.pullSecretName", spec.getImage().getPullSecretName(), policy, found);
    }

    private static void user(QdrantClusterSpec spec, PodPolicy policy, List<PolicyViolation> found) {
        if (spec.getSecurity() == null || policy.allowRootUser()) {
            return;
        }
        Map<String, Long> ids = new java.util.LinkedHashMap<>();
        ids.put("user", spec.getSecurity().getUser());
        ids.put("group", spec.getSecurity().getGroup());
        ids.put("fsGroup", spec.getSecurity().getFsGroup());
        ids.forEach((field, id) -> {
            if (id != null && id == 0) {
                found.add(new PolicyViolation("spec.security." + field, "0 (root) is not allowed",
                        PREFIX + "allow-root-user"));
            }
        });
    }

    private static void volumes(QdrantClusterSpec spec, PodPolicy policy, List<PolicyViolation> found) {
        if (spec.getStorage() == null || spec.getStorage().getAdditionalVolumes() == null) {
            return;
        }
        List<Volume> volumes = spec.getStorage().getAdditionalVolumes();
        for (int i = 0; i < volumes.size(); i++) {
            String path = "spec.storage.additionalVolumes[" + i + "]";
            JsonNode volume = JSON.valueToTree(volumes.get(i));
            for (Iterator<String> it = volume.fieldNames(); it.hasNext(); ) {
                String type = it.next();
                if (type.equals("name")) {
                    continue;
                }
                if (!policy.allowedVolumeTypes().contains(type)) {
                    found.add(new PolicyViolation(path + "." + type, type + " volumes are not allowed (allowed: "
                            + new java.util.TreeSet<>(policy.allowedVolumeTypes()) + ")",
                            PREFIX + "allowed-volume-types"));
                }
            }
            secret(path + ".secret.secretName", volume.path("secret").path("secretName").asText(null), policy, found);
            JsonNode sources = volume.path("projected").path("sources");
            for (int s = 0; s < sources.size(); s++) {
                secret(path + ".projected.sources[" + s + "].secret.name",
                        sources.get(s).path("secret").path("name").asText(null), policy, found);
            }
        }
    }

    private static void environment(QdrantClusterSpec spec, PodPolicy policy, List<PolicyViolation> found) {
        if (spec.getStatefulSet() == null || spec.getStatefulSet().getPods() == null
                || spec.getStatefulSet().getPods().getExtraEnv() == null) {
            return;
        }
        List<EnvVar> env = spec.getStatefulSet().getPods().getExtraEnv();
        for (int i = 0; i < env.size(); i++) {
            EnvVar variable = env.get(i);
            if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                secret("spec.statefulSet.pods.extraEnv[" + i + "].valueFrom.secretKeyRef.name",
                        variable.getValueFrom().getSecretKeyRef().getName(), policy, found);
            }
        }
    }

    private static void secretRefs(QdrantClusterSpec spec, PodPolicy policy, List<PolicyViolation> found) {
        if (spec.getConfig() != null && spec.getConfig().getService() != null) {
            secretRef("spec.config.service.apiKey", spec.getConfig().getService().getApiKey(), policy, found);
            secretRef("spec.config.service.readOnlyApiKey", spec.getConfig().getService().getReadOnlyApiKey(), policy,
                    found);
        }
        if (spec.getConfig() != null && spec.getConfig().getTls() != null) {
            secretRef("spec.config.tls.cert", spec.getConfig().getTls().getCert(), policy, found);
            secretRef("spec.config.tls.key", spec.getConfig().getTls().getKey(), policy, found);
            secretRef("spec.config.tls.caCert", spec.getConfig().getTls().getCaCert(), policy, found);
        }
        if (spec.getIngress() != null) {
            secret("spec.ingress.tlsSecretName", spec.getIngress().getTlsSecretName(), policy, found);
        }
    }

    private static void secretRef(String path, QdrantSecretKeyRef ref, PodPolicy policy, List<PolicyViolation> found) {
        if (ref != null && ref.getSecretKeyRef() != null) {
            secret(path + ".secretKeyRef.name", ref.getSecretKeyRef().getName(), policy, found);
        }
    }

    private static void secret(String path, String name, PodPolicy policy, List<PolicyViolation> found) {
        if (name == null || name.isEmpty() || policy.allowsSecret(name)) {
            return;
        }
        boolean protectedSecret = policy.protectedSecrets().contains(name);
        found.add(new PolicyViolation(path, protectedSecret
                ? "Secret '" + name + "' belongs to the agent or the operator and is never given to a Qdrant pod"
                : "Secret '" + name + "' does not match the allowed pattern " + policy.secretNamePattern().pattern(),
                PREFIX + (protectedSecret ? "protected-secrets" : "secret-name-pattern")));
    }

    private static void annotations(String path, Map<String, String> annotations, List<String> allowed, String setting,
                                    List<PolicyViolation> found) {
        if (annotations == null) {
            return;
        }
        for (String key : new java.util.TreeSet<>(annotations.keySet())) {
            if (!PodPolicy.allowsKey(allowed, key)) {
                found.add(new PolicyViolation(path + "['" + key + "']", "annotation is not on the allow-list",
                        PREFIX + setting));
            }
        }
    }
}
