package io.qdranthybrid.operator.policy;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a QdrantCluster may ask of the pods the operator runs for it, configured per install
 * ({@code qdrant.operator.policy.*}). A QdrantCluster is in effect a pod spec written by whoever controls the control
 * plane, so the defaults are safe: images only from the operator's own repository, no root user, no hostPath or
 * other node-level volumes, Secret references only to names matching a pattern and never to the agent's or operator's
 * own Secrets, and only known-harmless Service and Ingress annotations.
 *
 * @param allowedImageRepositories image repositories a spec may name (an entry ending in {@code /} allows every
 *                                 repository under it); empty means only the operator's configured repository
 * @param allowRootUser            whether {@code spec.security.user/group/fsGroup} may be 0
 * @param allowedVolumeTypes       volume sources {@code spec.storage.additionalVolumes} may use
 * @param secretNamePattern        Secrets a spec may reference (API keys, TLS, extraEnv, pull secrets, volumes)
 * @param protectedSecrets         Secrets never referenced, whatever the pattern says (the agent's access key...)
 * @param serviceAnnotations       Service annotation keys a spec may set (an entry ending in {@code /} is a prefix)
 * @param ingressAnnotations       Ingress annotation keys a spec may set (an entry ending in {@code /} is a prefix)
 */
public record PodPolicy(List<String> allowedImageRepositories, boolean allowRootUser, Set<String> allowedVolumeTypes,
                        Pattern secretNamePattern, Set<String> protectedSecrets, List<String> serviceAnnotations,
                        List<String> ingressAnnotations) {

    /** Volume sources that reach nothing outside the pod's own namespace objects. */
    public static final Set<String> SAFE_VOLUME_TYPES = Set.of("emptyDir", "configMap", "secret", "projected",
            "downwardAPI");
    /** The access key Secret of the agent as deploy/ installs it. */
    public static final Set<String> DEFAULT_PROTECTED_SECRETS = Set.of("qdrant-cloud-creds");
    /** Cloud load-balancer settings, which only shape the Service's own load balancer. */
    public static final List<String> DEFAULT_SERVICE_ANNOTATIONS = List.of("service.beta.kubernetes.io/",
            "service.kubernetes.io/", "cloud.google.com/load-balancer-type", "networking.gke.io/load-balancer-type");
    /**
     * Timeouts, body size and TLS issuers; never ingress-nginx's snippet annotations, which run arbitrary
     * configuration in the ingress controller (CVE-2021-25742).
     */
    public static final List<String> DEFAULT_INGRESS_ANNOTATIONS = List.of(
            "nginx.ingress.kubernetes.io/proxy-body-size", "nginx.ingress.kubernetes.io/proxy-read-timeout",
            "nginx.ingress.kubernetes.io/proxy-send-timeout", "nginx.ingress.kubernetes.io/proxy-connect-timeout",
            "nginx.ingress.kubernetes.io/backend-protocol", "nginx.ingress.kubernetes.io/ssl-redirect",
            "cert-manager.io/cluster-issuer", "cert-manager.io/issuer");

    public static final PodPolicy DEFAULT = new PodPolicy(List.of(), false, SAFE_VOLUME_TYPES,
            Pattern.compile("qdrant-[a-z0-9.-]+"), DEFAULT_PROTECTED_SECRETS, DEFAULT_SERVICE_ANNOTATIONS,
            DEFAULT_INGRESS_ANNOTATIONS);

    public PodPolicy {
        allowedImageRepositories = List.copyOf(allowedImageRepositories);
        allowedVolumeTypes = Set.copyOf(allowedVolumeTypes);
        Objects.requireNonNull(secretNamePattern, "secretNamePattern");
        protectedSecrets = Set.copyOf(protectedSecrets);
        serviceAnnotations = List.copyOf(serviceAnnotations);
        ingressAnnotations = List.copyOf(ingressAnnotations);
    }

    /** Whether an image repository is allowed, {@code operatorRepository} being the operator's configured one. */
    boolean allowsImage(String repository, String operatorRepository) {
        List<String> allowed = allowedImageRepositories.isEmpty() ? List.of(operatorRepository) : allowedImageRepositories;
        return allowed.stream().anyMatch(entry -> matches(entry, repository));
    }

    boolean allowsSecret(String name) {
        return name != null && !protectedSecrets.contains(name) && secretNamePattern.matcher(name).matches();
    }

    static boolean allowsKey(List<String> allowed, String key) {
        return allowed.stream().anyMatch(entry -> matches(entry, key));
    }

    private static boolean matches(String entry, String value) {
        return entry.endsWith("/") ? value.startsWith(entry) && !value.contains("..") : entry.equals(value);
    }
}
