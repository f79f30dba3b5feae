package io.qdranthybrid.platform.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdranthybrid.platform.access.AccessKeys;
import io.qdranthybrid.platform.environment.Environment;
import io.qdranthybrid.platform.environment.EnvironmentConfiguration;
import io.qdranthybrid.platform.environment.EnvironmentRegistry;
import io.qdranthybrid.protocol.message.AccessKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Generates the install commands of an environment, like the hosted product's {@code GenerateBootstrapCommands}:
 * every call mints a new access key and thereby rotates (and disconnects) the previous one, so call it to install or
 * to rotate, not to show the commands again.
 *
 * <p>We install with {@code helm upgrade --install} of a pinned chart rather than {@code kubectl apply} of manifests:
 * re-running the same commands after a rotation upgrades in place, and the key fingerprint in a pod annotation rolls
 * the agent so it picks up the new secret. Every {@code kubectl create} goes through {@code --dry-run=client -o yaml |
 * kubectl apply -f -} so the script can be run again on an existing install (the secret is then replaced).
 */
public final class BootstrapCommandGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapCommandGenerator.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APPLY = " --dry-run=client -o yaml | kubectl apply -f -";

    private final EnvironmentRegistry registry;
    private final AccessKeys accessKeys;
    private final BootstrapSettings settings;
    private final Clock clock;

    public BootstrapCommandGenerator(EnvironmentRegistry registry, AccessKeys accessKeys, BootstrapSettings settings,
                                     Clock clock) {
        this.registry = registry;
        this.accessKeys = accessKeys;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @throws io.qdranthybrid.platform.environment.UnknownEnvironmentException if the environment is not registered
     */
    public BootstrapCommands generate(String environmentId) {
        Environment environment = registry.require(environmentId);
        AccessKey key = accessKeys.issue(environmentId);
        environment = registry.update(environmentId, e -> e.markBootstrapped(clock.instant()));
        String ns = environment.namespace();
        EnvironmentConfiguration config = environment.configuration();
        List<String> commands = new ArrayList<>();
        commands.add("kubectl create namespace " + ns + APPLY);
        String pullSecret = config.registrySecretIfAny().orElse(null);
        RegistryCredentials credentials = settings.registryCredentialsIfAny().orElse(null);
        if (credentials != null && config.containerRegistryUrl().isEmpty()) {
            // Our own registry needs our credentials; a mirror uses the pull secret named in the environment.
            pullSecret = BootstrapSettings.REGISTRY_SECRET;
            commands.add("kubectl --namespace " + ns + " create secret docker-registry " + BootstrapSettings.REGISTRY_SECRET
                    + " --docker-server=" + quote(credentials.server()) + " --docker-username=" + quote(credentials.username())
                    + " --docker-password=" + quote(credentials.password()) + APPLY);
        }
        commands.add("kubectl create secret generic " + BootstrapSettings.ACCESS_KEY_SECRET + " --namespace " + ns
                + " --from-literal=" + BootstrapSettings.ACCESS_KEY_SECRET_KEY + "=" + quote(key.reveal()) + APPLY);
        String chartRepository = config.chartRepositoryUrl().isEmpty() ? settings.chartRepository() : config.chartRepositoryUrl();
        if (credentials != null && config.chartRepositoryUrl().isEmpty() && chartRepository.startsWith("oci://")) {
            commands.add("helm registry login " + quote(credentials.server()) + " --username " + quote(credentials.username())
                    + " --password " + quote(credentials.password()));
        }
        String imageRegistry = config.containerRegistryUrl().isEmpty() ? settings.imageRegistry() : config.containerRegistryUrl();
        StringBuilder helm = new StringBuilder("helm upgrade --install ").append(BootstrapSettings.RELEASE_NAME).append(' ')
                .append(quote(trimSlash(chartRepository) + "/" + settings.chartName()))
                .append(" --version ").append(quote(settings.chartVersion()))
                .append(" --namespace ").append(ns)
                .append(" --set podAnnotations.accessKeyHash=").append(AccessKeys.fingerprint(key))
                .append(" --set-json config=").append(quote(agentConfig(environment)))
                .append(" --set-json image=").append(quote(json(JSON.createObjectNode()
                        .put("repository", trimSlash(imageRegistry) + "/" + settings.imageName()))));
        if (pullSecret != null) {
            ArrayNode secrets = JSON.createArrayNode();
            secrets.addObject().put("name", pullSecret);
            helm.append(" --set-json imagePullSecrets=").append(quote(json(secrets)));
        }
        if (!config.controlPlaneLabels().isEmpty()) {
            ObjectNode labels = JSON.createObjectNode();
            config.controlPlaneLabels().forEach(labels::put);
            helm.append(" --set-json podLabels=").append(quote(json(labels)));
        }
        commands.add(helm.toString());
        LOG.info("Generated bootstrap commands for environment {} in namespace {} with access key {}", environmentId, ns,
                key.keyId());
        return new BootstrapCommands(environmentId, ns, commands, key);
    }

    /** The agent's configuration: where to dial, who it is, and the environment settings it applies locally. */
    private String agentConfig(Environment environment) {
        EnvironmentConfiguration config = environment.configuration();
        ObjectNode root = JSON.createObjectNode();
        root.put("controlPlaneUrl", settings.controlPlaneUrl().toString());
        root.put("environmentId", environment.id());
        root.put("namespace", environment.namespace());
        root.putObject("accessKeySecret").put("name", BootstrapSettings.ACCESS_KEY_SECRET)
                .put("key", BootstrapSettings.ACCESS_KEY_SECRET_KEY);
        root.put("logLevel", config.logLevel().name());
        if (config.usesProxy()) {
            ObjectNode proxy = root.putObject("proxy");
            proxy.put("httpProxyUrl", config.httpProxyUrl());
            proxy.put("httpsProxyUrl", config.httpsProxyUrl());
            ArrayNode noProxy = proxy.putArray("noProxy");
            config.noProxy().forEach(noProxy::add);
        }
        if (!config.caCertificates().isEmpty()) {
            root.put("caCertificates", config.caCertificates());
        }
        putIfSet(root, Map.of(
                "containerRegistryUrl", config.containerRegistryUrl(),
                "chartRepositoryUrl", config.chartRepositoryUrl(),
                "registrySecretName", config.registrySecretName(),
                "databaseStorageClass", config.databaseStorageClass(),
                "snapshotStorageClass", config.snapshotStorageClass(),
                "volumeSnapshotClass", config.volumeSnapshotClass()));
        return json(root);
    }

    private static void putIfSet(ObjectNode node, Map<String, String> values) {
        values.entrySet().stream().filter(e -> !e.getValue().isEmpty()).sorted(Map.Entry.comparingByKey())
                .forEach(e -> node.put(e.getKey(), e.getValue()));
    }

    /** POSIX single quotes: nothing inside is interpreted, and a quote itself becomes '\''. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String trimSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private static String json(com.fasterxml.jackson.databind.JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree we built ourselves", e);
        }
    }
}
