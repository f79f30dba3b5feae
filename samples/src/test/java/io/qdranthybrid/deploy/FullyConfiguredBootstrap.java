package io.qdranthybrid.deploy;

import io.qdranthybrid.platform.access.AccessKeys;
import io.qdranthybrid.platform.access.InMemoryAccessKeyStore;
import io.qdranthybrid.platform.bootstrap.BootstrapCommandGenerator;
import io.qdranthybrid.platform.bootstrap.BootstrapCommands;
import io.qdranthybrid.platform.bootstrap.BootstrapSettings;
import io.qdranthybrid.platform.environment.EnvironmentConfiguration;
import io.qdranthybrid.platform.environment.InMemoryEnvironmentRegistry;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The bootstrap commands of an environment in namespace {@code qdrant} that sets every install option the agent
 * chart takes: an image and chart mirror with its pull secret, an HTTPS proxy, extra CAs and control-plane labels.
 */
final class FullyConfiguredBootstrap {

    static final String CONTROL_PLANE_URL = "wss://cp.example.com/agent/v1";

    private FullyConfiguredBootstrap() {
    }

    static BootstrapCommands generate() {
        InMemoryEnvironmentRegistry registry = new InMemoryEnvironmentRegistry();
        EnvironmentConfiguration configuration = EnvironmentConfiguration.builder()
                .registryMirror("registry.corp.example/qdrant", "oci://registry.corp.example/charts", "corp-pull")
                .proxy("", "http://proxy.corp:3128", List.of("10.0.0.0/8"))
                .caCertificates("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")
                .controlPlaneLabels(Map.of("team", "search")).build();
        String environmentId = registry.create("corp", "qdrant", configuration).id();
        BootstrapSettings settings = new BootstrapSettings(URI.create(CONTROL_PLANE_URL),
                "oci://ghcr.io/qdrant-hybrid/charts", "qdrant-hybrid-agent", "0.1.0", "ghcr.io/qdrant-hybrid",
                "hybrid-agent", null);
        return new BootstrapCommandGenerator(registry, new AccessKeys(new InMemoryAccessKeyStore(), Clock.systemUTC()),
                settings, Clock.systemUTC()).generate(environmentId);
    }
}
