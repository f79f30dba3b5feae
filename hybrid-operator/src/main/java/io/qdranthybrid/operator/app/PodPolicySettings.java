package io.qdranthybrid.operator.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.qdranthybrid.operator.policy.PodPolicy;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The pod policy of this install ({@code qdrant.operator.policy.*}, or {@code QDRANT_OPERATOR_POLICY_*}); unset
 * settings keep {@link PodPolicy#DEFAULT}'s safe values. A refused QdrantCluster names the setting that would allow it.
 *
 * @param allowedImageRepositories image repositories a cluster may name (an entry ending in {@code /} is a prefix);
 *                                 unset: only {@code qdrant.operator.image-repository}
 * @param allowRootUser            whether a cluster may run Qdrant as user, group or fsGroup 0
 * @param allowedVolumeTypes       volume sources additional volumes may use (default emptyDir, configMap, secret,
 *                                 projected, downwardAPI; add hostPath only if you mean it)
 * @param secretNamePattern        regular expression of the Secrets a cluster may reference
 * @param protectedSecrets         Secrets never referenced (default: the agent's access key, qdrant-cloud-creds)
 * @param serviceAnnotations       Service annotation keys a cluster may set
 * @param ingressAnnotations       Ingress annotation keys a cluster may set
 */
@ConfigurationProperties("qdrant.operator.policy")
public record PodPolicySettings(
        @Nullable List<String> allowedImageRepositories,
        @Bindable(defaultValue = "false") boolean allowRootUser,
        @Nullable Set<String> allowedVolumeTypes,
        @Nullable String secretNamePattern,
        @Nullable Set<String> protectedSecrets,
        @Nullable List<String> serviceAnnotations,
        @Nullable List<String> ingressAnnotations) {

    public PodPolicy toPolicy() {
        PodPolicy defaults = PodPolicy.DEFAULT;
        Pattern pattern;
        try {
            pattern = secretNamePattern == null || secretNamePattern.isBlank() ? defaults.secretNamePattern()
                    : Pattern.compile(secretNamePattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("qdrant.operator.policy.secret-name-pattern is not a regular expression: "
                    + e.getDescription());
        }
        return new PodPolicy(
                allowedImageRepositories == null ? defaults.allowedImageRepositories() : allowedImageRepositories,
                allowRootUser,
                allowedVolumeTypes == null ? defaults.allowedVolumeTypes() : allowedVolumeTypes,
                pattern,
                protectedSecrets == null ? defaults.protectedSecrets() : protectedSecrets,
                serviceAnnotations == null ? defaults.serviceAnnotations() : serviceAnnotations,
                ingressAnnotations == null ? defaults.ingressAnnotations() : ingressAnnotations);
    }
}
