package io.qdranthybrid.harness.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.qdranthybrid.harness.runtime.ContainerLaunch;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Qdrant container start means to the simulation: which cluster it joins, which storage it
 * runs on, which version it reports and which API keys it enforces.
 *
 * @param cluster      namespace plus the pod's {@code cluster-id} label (or its name without the ordinal)
 * @param podName      the pod's name
 * @param volumeHandle the volume mounted at {@code /qdrant/storage}, or {@code namespace/podName} without one
 * @param version      from the image tag, {@code qdrant/qdrant:v1.12.3} reports {@code 1.12.3}
 * @param apiKeys      from env {@code QDRANT__SERVICE__*API_KEY}, overriding {@code production.yaml}
 * @param p2pUri       the {@code --uri} argument, or the pod's stable DNS name on port 6335
 * @param restTls      certificate and key when {@code service.enable_tls} is on, else null
 * @param listener     {@code storage.node_type} (or {@code QDRANT__STORAGE__NODE_TYPE}) is {@code Listener}
 */
record NodeLaunchSettings(
        ClusterKey cluster, String podName, String volumeHandle, String version, ApiKeys apiKeys, String p2pUri,
        RestTls restTls, boolean listener) {

    NodeLaunchSettings(ClusterKey cluster, String podName, String volumeHandle, String version, ApiKeys apiKeys,
                       String p2pUri) {
        this(cluster, podName, volumeHandle, version, apiKeys, p2pUri, null, false);
    }

    static final String STORAGE_PATH = "/qdrant/storage";
    static final String CLUSTER_ID_LABEL = "cluster-id";
    /** Reported when the image tag names no version (e.g. {@code latest}). */
    static final String DEFAULT_VERSION = "1.12.4";

    private static final Pattern VERSION = Pattern.compile("v?(\\d+\\.\\d+\\.\\d+)");
    private static final Pattern ORDINAL = Pattern.compile("-\\d+$");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static NodeLaunchSettings from(ContainerLaunch launch) {
        String clusterId = launch.podLabels().getOrDefault(CLUSTER_ID_LABEL,
                ORDINAL.matcher(launch.podName()).replaceFirst(""));
        String volume = launch.volumes().getOrDefault(STORAGE_PATH, launch.namespace() + "/" + launch.podName());
        return new NodeLaunchSettings(
                new ClusterKey(launch.namespace(), clusterId),
                launch.podName(),
                volume,
                versionOf(launch.image()),
                apiKeysOf(launch),
                p2pUriOf(launch, clusterId),
                restTlsOf(launch),
                listenerOf(launch));
    }

    /** Qdrant's {@code NodeType} (lib/storage/src/types.rs): {@code Normal} unless configured {@code Listener}. */
    private static boolean listenerOf(ContainerLaunch launch) {
        String type = launch.env().getOrDefault("QDRANT__STORAGE__NODE_TYPE",
                productionYaml(launch).path("storage").path("node_type").asText("Normal"));
        return "Listener".equalsIgnoreCase(type);
    }

    /**
     * {@code service.enable_tls} (or {@code QDRANT__SERVICE__ENABLE_TLS}) turns TLS on for the REST port with the PEM
     * files {@code tls.cert} and {@code tls.key} name; Qdrant exits at start when they cannot be read.
     */
    private static RestTls restTlsOf(ContainerLaunch launch) {
        JsonNode config = productionYaml(launch);
        String enabled = launch.env().getOrDefault("QDRANT__SERVICE__ENABLE_TLS",
                config.path("service").path("enable_tls").asText("false"));
        if (!Boolean.parseBoolean(enabled)) {
            return null;
        }
        String cert = launch.env().getOrDefault("QDRANT__TLS__CERT", config.path("tls").path("cert").asText(null));
        String key = launch.env().getOrDefault("QDRANT__TLS__KEY", config.path("tls").path("key").asText(null));
        if (cert == null || key == null) {
            throw new IllegalArgumentException("service.enable_tls is true but tls.cert or tls.key is not set");
        }
        String certPem = launch.files().get(cert);
        String keyPem = launch.files().get(key);
        if (certPem == null || keyPem == null) {
            throw new IllegalArgumentException("TLS file " + (certPem == null ? cert : key) + " does not exist");
        }
        RestTls tls = new RestTls(certPem, keyPem);
        tls.sslContext(); // refuse a broken certificate or key at start, as Qdrant does
        return tls;
    }

    private static JsonNode productionYaml(ContainerLaunch launch) {
        return launch.files().entrySet().stream()
                .filter(file -> file.getKey().endsWith("/production.yaml") || file.getKey().equals("production.yaml"))
                .map(file -> parseYaml(file.getKey(), file.getValue()))
                .findFirst()
                .orElse(YAML.missingNode());
    }

    static String versionOf(String image) {
        String withoutDigest = image.split("@", 2)[0];
        int slash = withoutDigest.lastIndexOf('/');
        int colon = withoutDigest.lastIndexOf(':');
        if (colon > slash) {
            Matcher matcher = VERSION.matcher(withoutDigest.substring(colon + 1));
            if (matcher.lookingAt()) {
                return matcher.group(1);
            }
        }
        return DEFAULT_VERSION;
    }

    private static ApiKeys apiKeysOf(ContainerLaunch launch) {
        JsonNode service = launch.files().entrySet().stream()
                .filter(file -> file.getKey().endsWith("/production.yaml") || file.getKey().equals("production.yaml"))
                .map(file -> parseYaml(file.getKey(), file.getValue()).path("service"))
                .findFirst()
                .orElse(YAML.missingNode());
        Map<String, String> env = launch.env();
        return new ApiKeys(
                env.getOrDefault("QDRANT__SERVICE__API_KEY", service.path("api_key").asText(null)),
                env.getOrDefault("QDRANT__SERVICE__READ_ONLY_API_KEY", service.path("read_only_api_key").asText(null)));
    }

    private static JsonNode parseYaml(String path, String content) {
        try {
            JsonNode node = YAML.readTree(content);
            return node == null ? YAML.missingNode() : node;
        } catch (IOException e) {
            // Real Qdrant refuses to start on an unreadable config; so does the simulated node.
            throw new IllegalArgumentException("Qdrant config " + path + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    private static String p2pUriOf(ContainerLaunch launch, String clusterId) {
        // Flattened because pod specs often wrap the command in `sh -c "./qdrant --uri ..."`.
        List<String> args = launch.args().stream().flatMap(arg -> Arrays.stream(arg.trim().split("\\s+"))).toList();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--uri") && i + 1 < args.size()) {
                return asShellWouldPass(args.get(i + 1), launch);
            }
            if (args.get(i).startsWith("--uri=")) {
                return asShellWouldPass(args.get(i).substring("--uri=".length()), launch);
            }
        }
        return "http://" + launch.podName() + "." + clusterId + "-headless." + launch.namespace() + ":6335/";
    }

    /** What a shell hands Qdrant for one word of a start script: quotes and separators gone, $HOSTNAME expanded. */
    static String asShellWouldPass(String word, ContainerLaunch launch) {
        String unquoted = word.replaceAll("[\"';]", "");
        return unquoted.replace("${HOSTNAME}", launch.podName()).replace("$HOSTNAME", launch.podName());
    }
}
