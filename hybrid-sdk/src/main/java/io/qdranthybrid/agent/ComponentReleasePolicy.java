package io.qdranthybrid.agent;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What component releases may point at, configured per install: the Helm repository URLs charts may come from, and
 * the Secrets (in the agent's namespace) a HelmRepository may name for its credentials or CA. A compromised control
 * plane can then only install charts from those registries, with those credentials.
 *
 * @param repositoryUrls     URL prefixes a HelmRepository's {@code spec.url} must start with, on a path boundary
 *                           (scheme, host and port equal; no {@code ..}, no user info)
 * @param secretNames        Secrets a HelmRepository's {@code secretRef} / {@code certSecretRef} or a chart's
 *                           {@code verify.secretRef} may name; none by default
 */
public record ComponentReleasePolicy(List<String> repositoryUrls, Set<String> secretNames) {

    /** Qdrant's chart registry, and no Secrets. */
    public static final ComponentReleasePolicy DEFAULT =
            new ComponentReleasePolicy(List.of("oci://registry.cloud.qdrant.io"), Set.of());

    public ComponentReleasePolicy {
        repositoryUrls = List.copyOf(repositoryUrls);
        secretNames = Set.copyOf(secretNames);
        for (String prefix : repositoryUrls) {
            URI uri = URI.create(prefix);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("allowed Helm repository '" + prefix
                        + "' needs a scheme and a host, e.g. oci://registry.example.com/charts");
            }
        }
    }

    /** Whether {@code url} lies under one of the allowed repository prefixes. */
    boolean allowsRepository(String url) {
        URI candidate;
        try {
            candidate = URI.create(url).normalize();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (candidate.getScheme() == null || candidate.getHost() == null || candidate.getRawUserInfo() != null
                || candidate.getRawQuery() != null || candidate.getRawFragment() != null
                || url.contains("..") || url.contains("%")) {
            return false;
        }
        return repositoryUrls.stream().map(URI::create).anyMatch(prefix -> under(candidate, prefix));
    }

    boolean allowsSecret(String name) {
        return secretNames.contains(name);
    }

    private static boolean under(URI candidate, URI prefix) {
        if (!prefix.getScheme().equalsIgnoreCase(candidate.getScheme())
                || !prefix.getHost().toLowerCase(Locale.ROOT).equals(candidate.getHost().toLowerCase(Locale.ROOT))
                || prefix.getPort() != candidate.getPort()) {
            return false;
        }
        String base = prefix.getPath() == null ? "" : prefix.getPath().replaceAll("/+$", "");
        String path = candidate.getPath() == null ? "" : candidate.getPath();
        return path.equals(base) || path.startsWith(base + "/") || base.isEmpty();
    }
}
