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

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generates the install commands of an environment, like the hosted product's {@code GenerateBootstrapCommands}:
 * every call mints a new access key and thereby rotates (and disconnects) the previous one, so call it to install or
 * to rotate, not to show the commands again.
 *
 * <p>We install with {@code helm upgrade --install} of a pinned chart rather than {@code kubectl apply} of manifests:
 * re-running the same commands after a rotation upgrades in place, and the key fingerprint in a pod annotation rolls
 * the agent so it picks up the new secret. Every {@code kubectl create} goes through {@code --dry-run=client -o yaml |
 * kubectl apply -f -} so the script can be run again on an existing install. The access key and the registry password
 * are never command-line arguments (shell history, {@code ps}, CI logs): they are in files the commands read.
 */
public final class BootstrapCommandGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapCommandGenerator.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APPLY = " --dry-run=client -o yaml | kubectl apply -f -";
    /** Where the environment's extra CAs land for the agent chart's {@code caBundle.configMapName}. */
    static final String CA_BUNDLE_CONFIG_MAP = "qdrant-cloud-ca";
    static final String CA_BUNDLE_KEY = "ca.crt";
    /** Files the commands read secrets from (written with mode 600 by {@link BootstrapCommands#script()}). */
    public static final String SECRETS_FILE = "qdrant-hybrid-secrets.json";
    public static final String REGISTRY_PASSWORD_FILE = "qdrant-registry-password";
    /** Renders a dry run: same shape as a real key, never issued. */
    private static final AccessKey STAND_IN_KEY = AccessKey.parse("00000000-0000-0000-0000-000000000000|stand-in");

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
     * Renders everything with a stand-in key first, so that whatever can fail fails before anything changes; only
     * then marks the environment bootstrapped and mints the key (which rotates the previous one and disconnects its
     * agent). Secrets never appear on a command line: they travel in {@link BootstrapCommands#secretFiles()}, read by
     * {@code kubectl apply -f} and {@code helm registry login --password-stdin}.
     *
     * @throws io.qdranthybrid.platform.environment.UnknownEnvironmentException if the environment is not registered
     */
    public BootstrapCommands generate(String environmentId) {
        Environment environment = registry.require(environmentId);
        render(environment, STAND_IN_KEY);
        environment = registry.update(environmentId, e -> e.markBootstrapped(clock.instant()));
        AccessKey key = accessKeys.issue(environmentId);
        BootstrapCommands commands = render(environment, key);
        LOG.info("Generated bootstrap commands for environment {} in namespace {} with access key {}", environmentId,
                environment.namespace(), key.keyId());
        return commands;
    }

    private BootstrapCommands render(Environment environment, AccessKey key) {
        String ns = environment.namespace();
        EnvironmentConfiguration config = environment.configuration();
        List<String> commands = new ArrayList<>();
        Map<String, String> secretFiles = new LinkedHashMap<>();
        commands.add("kubectl create namespace " + ns + APPLY);
        String pullSecret = config.registrySecretIfAny().orElse(null);
        RegistryCredentials credentials = settings.registryCredentialsIfAny().orElse(null);
        ArrayNode secrets = JSON.createArrayNode();
        secrets.add(secret(ns, BootstrapSettings.ACCESS_KEY_SECRET, "Opaque", BootstrapSettings.ACCESS_KEY_SECRET_KEY,
                key.reveal()));
        if (credentials != null && config.containerRegistryUrl().isEmpty()) {
            // Our own registry needs our credentials; a mirror uses the pull secret named in the environment.
            pullSecret = BootstrapSettings.REGISTRY_SECRET;
            secrets.add(secret(ns, BootstrapSettings.REGISTRY_SECRET, "kubernetes.io/dockerconfigjson",
                    ".dockerconfigjson", dockerConfig(credentials)));
        }
        ObjectNode list = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List");
        list.set("items", secrets);
        secretFiles.put(SECRETS_FILE, json(list) + "\n");
        commands.add("kubectl apply --namespace " + ns + " -f " + SECRETS_FILE);
        String chartRepository = config.chartRepositoryUrl().isEmpty() ? settings.chartRepository() : config.chartRepositoryUrl();
        if (credentials != null && config.chartRepositoryUrl().isEmpty() && chartRepository.startsWith("oci://")) {
            secretFiles.put(REGISTRY_PASSWORD_FILE, credentials.password() + "\n");
            commands.add("helm registry login " + quote(credentials.server()) + " --username " + quote(credentials.username())
                    + " --password-stdin < " + REGISTRY_PASSWORD_FILE);
        }
        String imageRegistry = config.containerRegistryUrl().isEmpty() ? settings.imageRegistry() : config.containerRegistryUrl();
        if (!config.caCertificates().isEmpty()) {
            commands.add("kubectl create configmap " + CA_BUNDLE_CONFIG_MAP + " --namespace " + ns
                    + " --from-literal=" + CA_BUNDLE_KEY + "=" + quote(config.caCertificates()) + APPLY);
        }
        StringBuilder helm = new StringBuilder("helm upgrade --install ").append(BootstrapSettings.RELEASE_NAME).append(' ')
                .append(quote(trimSlash(chartRepository) + "/" + settings.chartName()))
                .append(" --version ").append(quote(settings.chartVersion()))
                .append(" --namespace ").append(ns);
        ObjectNode values = chartValues(environment, trimSlash(imageRegistry), pullSecret, key);
        values.fields().forEachRemaining(value ->
                helm.append(" --set-json ").append(value.getKey()).append('=').append(quote(json(value.getValue()))));
        commands.add(helm.toString());
        return new BootstrapCommands(environment.id(), ns, commands, secretFiles, key, values);
    }

    private static ObjectNode secret(String namespace, String name, String type, String key, String value) {
        ObjectNode secret = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Secret");
        secret.putObject("metadata").put("name", name).put("namespace", namespace);
        secret.put("type", type);
        secret.putObject("stringData").put(key, value);
        return secret;
    }

    /** The {@code .dockerconfigjson} kubectl's {@code create secret docker-registry} would write. */
    private static String dockerConfig(RegistryCredentials credentials) {
        ObjectNode config = JSON.createObjectNode();
        config.putObject("auths").putObject(credentials.server())
                .put("username", credentials.username())
                .put("password", credentials.password())
                .put("auth", Base64.getEncoder().encodeToString((credentials.username() + ":" + credentials.password())
                        .getBytes(StandardCharsets.UTF_8)));
        return json(config);
    }

    /**
     * Values of the agent chart (deploy/helm/qdrant-hybrid-agent/values.yaml, same key names): where to dial, who it
     * is, and how to reach the control plane from this environment. Storage classes and chart mirrors are not here:
     * they shape the operator's release, which the control plane sends later as desired state.
     */
    private ObjectNode chartValues(Environment environment, String imageRegistry, String pullSecret, AccessKey key) {
        EnvironmentConfiguration config = environment.configuration();
        ObjectNode values = JSON.createObjectNode();
        values.put("controlPlaneUrl", settings.controlPlaneUrl().toString());
        values.put("environmentId", environment.id());
        values.put("logLevel", config.logLevel().name());
        ObjectNode image = values.putObject("image");
        int slash = imageRegistry.indexOf('/');
        image.put("registry", slash < 0 ? imageRegistry : imageRegistry.substring(0, slash));
        image.put("repository", (slash < 0 ? "" : imageRegistry.substring(slash + 1) + "/") + settings.imageName());
        if (pullSecret != null) {
            image.putArray("pullSecrets").add(pullSecret);
        }
        if (config.usesProxy()) {
            ObjectNode proxy = values.putObject("proxy");
            // The agent dials wss://, so the HTTPS proxy is the one that matters; an HTTP-only proxy tunnels it too.
            proxy.put("httpsProxy", config.httpsProxyUrl().isEmpty() ? config.httpProxyUrl() : config.httpsProxyUrl());
            List<String> noProxy = new ArrayList<>(List.of(".svc", ".cluster.local"));
            config.noProxy().stream().filter(host -> !noProxy.contains(host)).forEach(noProxy::add);
            proxy.put("noProxy", String.join(",", noProxy));
        }
        if (!config.caCertificates().isEmpty()) {
            values.putObject("caBundle").put("configMapName", CA_BUNDLE_CONFIG_MAP).put("key", CA_BUNDLE_KEY);
        }
        // The key's fingerprint rolls the agent's pod when a rotation replaces the secret.
        values.putObject("podAnnotations").put("accessKeyHash", AccessKeys.fingerprint(key));
        if (!config.controlPlaneLabels().isEmpty()) {
            ObjectNode labels = values.putObject("podLabels");
            new TreeMap<>(config.controlPlaneLabels()).forEach(labels::put);
        }
        return values;
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
