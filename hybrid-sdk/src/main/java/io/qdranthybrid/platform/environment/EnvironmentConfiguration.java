package io.qdranthybrid.platform.environment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of a hybrid environment that shape the agent install and the clusters it creates (the public API's
 * {@code HybridCloudEnvironmentConfiguration}, minus the namespace, which lives on {@link Environment} because it is
 * locked once bootstrapped). Empty strings mean "not set"; build with {@link #builder()}.
 *
 * @param containerRegistryUrl a mirror of the images, e.g. {@code registry.example.com/qdrant}
 * @param chartRepositoryUrl   a mirror of the charts, e.g. {@code oci://registry.example.com/qdrant-charts}
 * @param registrySecretName   an existing image pull secret for the mirror
 * @param caCertificates       extra trusted CAs (PEM) for a TLS-intercepting proxy or a private registry
 */
public record EnvironmentConfiguration(String httpProxyUrl, String httpsProxyUrl, List<String> noProxy,
                                       String containerRegistryUrl, String chartRepositoryUrl,
                                       String registrySecretName, String caCertificates,
                                       String databaseStorageClass, String snapshotStorageClass,
                                       String volumeSnapshotClass, LogLevel logLevel,
                                       Map<String, String> controlPlaneLabels) {

    /** The real product allows at most this many labels on control-plane pods. */
    public static final int MAX_CONTROL_PLANE_LABELS = 10;

    public EnvironmentConfiguration {
        httpProxyUrl = orEmpty(httpProxyUrl);
        httpsProxyUrl = orEmpty(httpsProxyUrl);
        noProxy = noProxy == null ? List.of() : List.copyOf(noProxy);
        containerRegistryUrl = orEmpty(containerRegistryUrl);
        chartRepositoryUrl = orEmpty(chartRepositoryUrl);
        registrySecretName = orEmpty(registrySecretName);
        caCertificates = orEmpty(caCertificates);
        databaseStorageClass = orEmpty(databaseStorageClass);
        snapshotStorageClass = orEmpty(snapshotStorageClass);
        volumeSnapshotClass = orEmpty(volumeSnapshotClass);
        logLevel = logLevel == null ? LogLevel.INFO : logLevel;
        controlPlaneLabels = controlPlaneLabels == null ? Map.of() : Map.copyOf(controlPlaneLabels);
        if (controlPlaneLabels.size() > MAX_CONTROL_PLANE_LABELS) {
            throw new IllegalArgumentException("at most " + MAX_CONTROL_PLANE_LABELS
                    + " control-plane labels are allowed but got " + controlPlaneLabels.size());
        }
        if (!registrySecretName.isEmpty()
                && !registrySecretName.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
            throw new IllegalArgumentException("registrySecretName '" + registrySecretName
                    + "' is not a valid Kubernetes secret name");
        }
    }

    /** No proxy, the public registries, the cluster's default storage classes, INFO logs. */
    public static EnvironmentConfiguration defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .proxy(httpProxyUrl, httpsProxyUrl, noProxy)
                .registryMirror(containerRegistryUrl, chartRepositoryUrl, registrySecretName)
                .caCertificates(caCertificates)
                .storageClasses(databaseStorageClass, snapshotStorageClass, volumeSnapshotClass)
                .logLevel(logLevel)
                .controlPlaneLabels(controlPlaneLabels);
    }

    public Optional<String> registrySecretIfAny() {
        return registrySecretName.isEmpty() ? Optional.empty() : Optional.of(registrySecretName);
    }

    public boolean usesProxy() {
        return !httpProxyUrl.isEmpty() || !httpsProxyUrl.isEmpty();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.trim();
    }

    public static final class Builder {
        private String httpProxyUrl;
        private String httpsProxyUrl;
        private List<String> noProxy;
        private String containerRegistryUrl;
        private String chartRepositoryUrl;
        private String registrySecretName;
        private String caCertificates;
        private String databaseStorageClass;
        private String snapshotStorageClass;
        private String volumeSnapshotClass;
        private LogLevel logLevel = LogLevel.INFO;
        private Map<String, String> controlPlaneLabels;

        private Builder() {
        }

        public Builder proxy(String httpProxyUrl, String httpsProxyUrl, List<String> noProxy) {
            this.httpProxyUrl = httpProxyUrl;
            this.httpsProxyUrl = httpsProxyUrl;
            this.noProxy = noProxy;
            return this;
        }

        public Builder registryMirror(String containerRegistryUrl, String chartRepositoryUrl, String registrySecretName) {
            this.containerRegistryUrl = containerRegistryUrl;
            this.chartRepositoryUrl = chartRepositoryUrl;
            this.registrySecretName = registrySecretName;
            return this;
        }

        public Builder caCertificates(String pem) {
            this.caCertificates = pem;
            return this;
        }

        public Builder storageClasses(String database, String snapshot, String volumeSnapshotClass) {
            this.databaseStorageClass = database;
            this.snapshotStorageClass = snapshot;
            this.volumeSnapshotClass = volumeSnapshotClass;
            return this;
        }

        public Builder logLevel(LogLevel level) {
            this.logLevel = level;
            return this;
        }

        public Builder controlPlaneLabels(Map<String, String> labels) {
            this.controlPlaneLabels = labels;
            return this;
        }

        public EnvironmentConfiguration build() {
            return new EnvironmentConfiguration(httpProxyUrl, httpsProxyUrl, noProxy, containerRegistryUrl,
                    chartRepositoryUrl, registrySecretName, caCertificates, databaseStorageClass, snapshotStorageClass,
                    volumeSnapshotClass, logLevel, controlPlaneLabels);
        }
    }
}
