package io.qdranthybrid.platform.bootstrap;

import java.net.URI;
import java.util.Optional;

/**
 * What every environment's install has in common.
 *
 * @param controlPlaneUrl       the {@code wss://} endpoint agents dial
 * @param chartRepository       where the agent chart lives, e.g. {@code oci://ghcr.io/qdrant-hybrid/charts}; an
 *                              environment's {@code chartRepositoryUrl} (a mirror) replaces it
 * @param chartName             the agent chart, e.g. {@code qdrant-hybrid-agent}
 * @param chartVersion          pinned, so re-running the commands never upgrades by surprise
 * @param imageRegistry         where the agent image lives, e.g. {@code ghcr.io/qdrant-hybrid}; an environment's
 *                              {@code containerRegistryUrl} replaces it
 * @param imageName             e.g. {@code hybrid-agent}
 * @param registryCredentials   pull credentials to install as a secret, or null for a public registry
 */
public record BootstrapSettings(URI controlPlaneUrl, String chartRepository, String chartName, String chartVersion,
                                String imageRegistry, String imageName, RegistryCredentials registryCredentials) {

    public static final String RELEASE_NAME = "qdrant-hybrid-agent";
    public static final String ACCESS_KEY_SECRET = "qdrant-cloud-creds";
    public static final String ACCESS_KEY_SECRET_KEY = "access-key";
    public static final String REGISTRY_SECRET = "qdrant-registry-creds";

    public BootstrapSettings {
        if (controlPlaneUrl == null || !("wss".equalsIgnoreCase(controlPlaneUrl.getScheme())
                || "ws".equalsIgnoreCase(controlPlaneUrl.getScheme()))) {
            throw new IllegalArgumentException("controlPlaneUrl must be a ws:// or wss:// URL but was " + controlPlaneUrl);
        }
        requireText(chartRepository, "chartRepository");
        requireText(chartName, "chartName");
        requireText(chartVersion, "chartVersion");
        requireText(imageRegistry, "imageRegistry");
        requireText(imageName, "imageName");
    }

    public Optional<RegistryCredentials> registryCredentialsIfAny() {
        return Optional.ofNullable(registryCredentials);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
