package io.qdranthybrid.agent.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.qdranthybrid.protocol.client.AgentConnectionSettings;
import io.qdranthybrid.protocol.client.ProxySettings;
import io.qdranthybrid.protocol.message.AccessKey;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Agent configuration ({@code qdrant.agent.*} in application.yml, or {@code QDRANT_AGENT_*} environment variables).
 *
 * @param controlPlaneUrl   where to dial, {@code wss://host/agent/v1}
 * @param environmentId     the hybrid environment this agent serves
 * @param accessKeyFile     file holding the access key {@code <uuid>|<secret>} (a mounted Secret); preferred
 * @param accessKey         the access key itself, e.g. from {@code QDRANT_AGENT_ACCESS_KEY}; never logged
 * @param namespace         namespace to manage; defaults to the pod's own (POD_NAMESPACE), else the kubeconfig
 *                          context's or service account's namespace, else "default"
 * @param kubeconfig        path of a kubeconfig; unset means in-cluster, then ~/.kube/config
 * @param proxyUrl          HTTP proxy for the control-plane connection, {@code http://[user:password@]host:port}
 * @param noProxy           hosts reached directly, as in NO_PROXY
 * @param caBundleFile      PEM file of extra CAs trusted for the control plane (a TLS-inspecting proxy, say)
 * @param expectedComponents component releases reported NOT_FOUND when missing
 * @param environmentPollInterval how often the environment is observed
 * @param environmentReportInterval how often it is reported even when unchanged
 * @param shutdownTimeout   how long shutdown waits to flush buffered statuses
 * @param allowEmptyDesiredState whether an empty desired-state snapshot may delete everything the agent manages
 * @param allowInsecure     accept a plaintext {@code ws://} control-plane URL ({@code QDRANT_AGENT_ALLOW_INSECURE});
 *                          the access key then travels unencrypted, so only for a local test setup
 * @param metricsScrapeInterval how often the Qdrant nodes' {@code /metrics} are scraped and reported
 * @param operatorMetricsUrl where the operator's Prometheus endpoint is scraped at that interval; unset means the
 *                          Service deploy/ installs in the namespace, {@value #OFF} leaves it out
 */
@ConfigurationProperties("qdrant.agent")
public record AgentSettings(
        @Nullable String controlPlaneUrl,
        @Nullable String environmentId,
        @Nullable String accessKeyFile,
        @Nullable String accessKey,
        @Nullable String namespace,
        @Nullable String kubeconfig,
        @Nullable String proxyUrl,
        @Nullable String noProxy,
        @Nullable String caBundleFile,
        @Nullable List<String> expectedComponents,
        @Bindable(defaultValue = "30s") Duration environmentPollInterval,
        @Bindable(defaultValue = "5m") Duration environmentReportInterval,
        @Bindable(defaultValue = "10s") Duration shutdownTimeout,
        @Bindable(defaultValue = "false") boolean allowEmptyDesiredState,
        @Bindable(defaultValue = "false") boolean allowInsecure,
        @Bindable(defaultValue = "30s") Duration metricsScrapeInterval,
        @Nullable String operatorMetricsUrl) {

    /** The {@code operator-metrics-url} that turns the operator's scrape off. */
    public static final String OFF = "off";

    /** Nullable above so that a missing one is named here, in the agent's words, not as a failed injection. */
    public AgentSettings {
        require(controlPlaneUrl, "qdrant.agent.control-plane-url (QDRANT_AGENT_CONTROL_PLANE_URL)",
                "where the agent dials, wss://<control plane>/agent/v1");
        require(environmentId, "qdrant.agent.environment-id (QDRANT_AGENT_ENVIRONMENT_ID)",
                "the id of the hybrid environment this agent serves, from the control plane's bootstrap command");
        // Refused at startup, not at the first scrape: a typo would otherwise only show as "unreachable".
        parseOperatorMetrics(operatorMetricsUrl);
    }

    /**
     * Where the operator's metrics are read when {@code operator-metrics-url} names a URL; null when it is unset (the
     * default Service) or {@value #OFF}.
     */
    @Nullable
    public URI operatorMetrics() {
        return parseOperatorMetrics(operatorMetricsUrl);
    }

    private static URI parseOperatorMetrics(String operatorMetricsUrl) {
        if (operatorMetricsUrl == null || operatorMetricsUrl.isBlank() || OFF.equals(operatorMetricsUrl.trim())) {
            return null;
        }
        try {
            URI uri = new URI(operatorMetricsUrl.trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(operatorMetricsUrl, "not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("qdrant.agent.operator-metrics-url (QDRANT_AGENT_OPERATOR_METRICS_URL) '"
                    + operatorMetricsUrl + "' is not a URL such as http://qdrant-hybrid-operator.qdrant.svc:8285/"
                    + "prometheus, nor '" + OFF + "': " + e.getReason());
        }
    }

    /** Whether the operator's metrics are scraped at all. */
    public boolean scrapesOperator() {
        return operatorMetricsUrl == null || !OFF.equals(operatorMetricsUrl.trim());
    }

    private static void require(String value, String setting, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(setting + " is required: " + what);
        }
    }

    /**
     * The namespace to manage when set here or as the pod's own (POD_NAMESPACE); null leaves it to the client's
     * configuration (the kubeconfig context's or service account's namespace, else "default").
     */
    @Nullable
    public String configuredNamespace() {
        if (namespace != null && !namespace.isBlank()) {
            return namespace;
        }
        String podNamespace = System.getenv("POD_NAMESPACE");
        return podNamespace == null || podNamespace.isBlank() ? null : podNamespace;
    }

    public List<String> expectedComponentsOrNone() {
        return expectedComponents == null ? List.of() : expectedComponents;
    }

    /** How to reach the control plane; reads the access key and CA files. */
    public AgentConnectionSettings connectionSettings(String agentVersion) {
        AgentConnectionSettings.Builder builder = AgentConnectionSettings.builder(URI.create(controlPlaneUrl.trim()),
                environmentId, AccessKey.parse(readAccessKey()), agentVersion).allowInsecure(allowInsecure);
        if (accessKeyFile != null && !accessKeyFile.isBlank()) {
            // A rotated key lands in the mounted Secret's file; the agent reads it again after a refusal.
            builder.accessKeySource(() -> AccessKey.parse(readAccessKey()));
        }
        if (proxyUrl != null && !proxyUrl.isBlank()) {
            builder.proxy(ProxySettings.parse(proxyUrl, noProxy));
        }
        if (caBundleFile != null && !caBundleFile.isBlank()) {
            builder.caBundlePem(read(caBundleFile, "qdrant.agent.ca-bundle-file"));
        }
        return builder.build();
    }

    private String readAccessKey() {
        if (accessKeyFile != null && !accessKeyFile.isBlank()) {
            return read(accessKeyFile, "qdrant.agent.access-key-file").trim();
        }
        if (accessKey != null && !accessKey.isBlank()) {
            return accessKey.trim();
        }
        throw new IllegalArgumentException("no access key: set qdrant.agent.access-key-file to a file holding "
                + "<uuid>|<secret>, or QDRANT_AGENT_ACCESS_KEY");
    }

    private static String read(String file, String property) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(property + " names " + file + ", which cannot be read: " + e);
        }
    }

    /** Never prints the access key. */
    @Override
    public String toString() {
        return "AgentSettings[controlPlaneUrl=" + controlPlaneUrl + ", environmentId=" + environmentId
                + ", accessKeyFile=" + accessKeyFile + ", accessKey=" + (accessKey == null ? "unset" : "<redacted>")
                + ", namespace=" + namespace + ", proxy=" + (proxyUrl == null ? "none" : "<set>") + ", noProxy="
                + noProxy + ", caBundleFile=" + caBundleFile + ", allowInsecure=" + allowInsecure + ", operatorMetricsUrl=" + operatorMetricsUrl + "]";
    }
}
