package io.qdranthybrid.agent.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.qdranthybrid.agent.ComponentReleasePolicy;

import java.util.List;
import java.util.Set;

/**
 * Where component releases may come from ({@code qdrant.agent.helm.*}, or {@code QDRANT_AGENT_HELM_*}).
 *
 * @param allowedRepositories Helm repository URL prefixes a HelmRepository may point at (default
 *                            {@code oci://registry.cloud.qdrant.io}); add your mirror here
 * @param allowedSecrets      Secrets a HelmRepository may use for credentials or CA (default none)
 */
@ConfigurationProperties("qdrant.agent.helm")
public record ComponentReleaseSettings(@Nullable List<String> allowedRepositories, @Nullable Set<String> allowedSecrets) {

    public ComponentReleasePolicy toPolicy() {
        ComponentReleasePolicy defaults = ComponentReleasePolicy.DEFAULT;
        return new ComponentReleasePolicy(
                allowedRepositories == null || allowedRepositories.isEmpty() ? defaults.repositoryUrls() : allowedRepositories,
                allowedSecrets == null ? defaults.secretNames() : allowedSecrets);
    }
}
