package io.qdranthybrid.protocol.client;

import io.qdranthybrid.protocol.codec.MessageCodec;
import io.qdranthybrid.protocol.message.AccessKey;
import io.qdranthybrid.protocol.message.ProtocolVersions;
import io.qdranthybrid.protocol.session.BackoffPolicy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the agent reaches the control plane. Build with {@link #builder}; secrets are redacted in {@link #toString()}.
 *
 * @param caBundlePem       extra trusted CAs (PEM) on top of the system trust store, or null
 * @param proxy             HTTP proxy, or null for a direct connection (JVM proxy properties are ignored on purpose)
 * @param handshakeTimeout  how long to wait from dialling to the Welcome before giving up on the attempt
 * @param allowInsecure     whether a plaintext {@code ws://} URL is accepted; off by default because the Hello carries
 *                          the access key, so only a local test setup (loopback) should turn it on
 * @param accessKeySource   where to read the access key again after a refusal (a mounted Secret's file), or null to
 *                          keep {@code accessKey}
 * @param sendsPerSecond    how many buffered messages (statuses, telemetry) the agent sends per second, sustained
 * @param sendBurst         how many it may send at once above that; both below the gateway's default inbound limits
 *                          (200 per second, burst 5,000), leaving room for heartbeats, acks and answers, which are
 *                          never held back
 */
public record AgentConnectionSettings(URI url, String environmentId, AccessKey accessKey, String agentVersion,
                                      List<Integer> supportedVersions, int maxMessageBytes, BackoffPolicy backoff,
                                      Duration connectTimeout, Duration handshakeTimeout, String caBundlePem,
                                      ProxySettings proxy, int telemetryCapacity, int telemetryBatchSize,
                                      boolean allowInsecure, AccessKeySource accessKeySource, int sendsPerSecond,
                                      int sendBurst) {

    public static final int DEFAULT_SENDS_PER_SECOND = 150;
    public static final int DEFAULT_SEND_BURST = 4_000;

    public AgentConnectionSettings {
        if (url == null || url.getScheme() == null
                || !(url.getScheme().equalsIgnoreCase("ws") || url.getScheme().equalsIgnoreCase("wss"))) {
            throw new IllegalArgumentException("control-plane url must start with wss:// but was " + url);
        }
        if (isPlaintext(url) && !allowInsecure) {
            throw new IllegalArgumentException("control-plane url " + url + " is plaintext ws://, which would send the "
                    + "access key unencrypted; use wss://, or allow insecure connections explicitly (qdrant.agent."
                    + "allow-insecure / QDRANT_AGENT_ALLOW_INSECURE=true) for a local test setup only");
        }
        if (environmentId == null || environmentId.isBlank()) {
            throw new IllegalArgumentException("environmentId must not be blank");
        }
        if (accessKey == null) {
            throw new IllegalArgumentException("accessKey is required (format <uuid>|<secret>)");
        }
        if (agentVersion == null || agentVersion.isBlank()) {
            throw new IllegalArgumentException("agentVersion must not be blank");
        }
        supportedVersions = List.copyOf(supportedVersions);
        if (supportedVersions.isEmpty()) {
            throw new IllegalArgumentException("supportedVersions must not be empty");
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024 but was " + maxMessageBytes);
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(handshakeTimeout, "handshakeTimeout");
        if (backoff == null) {
            throw new IllegalArgumentException("backoff is required");
        }
        if (telemetryCapacity < 1 || telemetryBatchSize < 1) {
            throw new IllegalArgumentException("telemetryCapacity and telemetryBatchSize must be >= 1");
        }
        if (sendsPerSecond < 1 || sendBurst < 1) {
            throw new IllegalArgumentException("sendsPerSecond and sendBurst must be >= 1 but were " + sendsPerSecond
                    + " and " + sendBurst);
        }
    }

    public static Builder builder(URI url, String environmentId, AccessKey accessKey, String agentVersion) {
        return new Builder(url, environmentId, accessKey, agentVersion);
    }

    /** True for a {@code ws://} URL: no TLS, so the access key and everything else travel in clear. */
    public boolean plaintext() {
        return isPlaintext(url);
    }

    private static boolean isPlaintext(URI url) {
        return url.getScheme().equalsIgnoreCase("ws");
    }

    public Optional<ProxySettings> proxyIfAny() {
        return Optional.ofNullable(proxy);
    }

    public Optional<String> caBundleIfAny() {
        return Optional.ofNullable(caBundlePem).filter(pem -> !pem.isBlank());
    }

    @Override
    public String toString() {
        return "AgentConnectionSettings[url=" + url + ", environmentId=" + environmentId + ", accessKey=" + accessKey
                + ", agentVersion=" + agentVersion + ", supportedVersions=" + supportedVersions
                + ", maxMessageBytes=" + maxMessageBytes + ", backoff=" + backoff + ", customCa="
                + caBundleIfAny().isPresent() + ", proxy=" + proxy + "]";
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration but was " + value);
        }
    }

    public static final class Builder {
        private final URI url;
        private final String environmentId;
        private final AccessKey accessKey;
        private final String agentVersion;
        private List<Integer> supportedVersions = ProtocolVersions.SUPPORTED;
        private int maxMessageBytes = MessageCodec.DEFAULT_MAX_MESSAGE_BYTES;
        private BackoffPolicy backoff = BackoffPolicy.DEFAULT;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration handshakeTimeout = Duration.ofSeconds(30);
        private String caBundlePem;
        private ProxySettings proxy;
        private int telemetryCapacity = 10_000;
        private int telemetryBatchSize = 500;
        private boolean allowInsecure;
        private AccessKeySource accessKeySource;
        private int sendsPerSecond = DEFAULT_SENDS_PER_SECOND;
        private int sendBurst = DEFAULT_SEND_BURST;

        private Builder(URI url, String environmentId, AccessKey accessKey, String agentVersion) {
            this.url = url;
            this.environmentId = environmentId;
            this.accessKey = accessKey;
            this.agentVersion = agentVersion;
        }

        public Builder supportedVersions(List<Integer> versions) {
            this.supportedVersions = versions;
            return this;
        }

        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = bytes;
            return this;
        }

        public Builder backoff(BackoffPolicy policy) {
            this.backoff = policy;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = timeout;
            return this;
        }

        public Builder caBundlePem(String pem) {
            this.caBundlePem = pem;
            return this;
        }

        public Builder proxy(ProxySettings settings) {
            this.proxy = settings;
            return this;
        }

        public Builder telemetryBuffer(int capacity, int batchSize) {
            this.telemetryCapacity = capacity;
            this.telemetryBatchSize = batchSize;
            return this;
        }

        /** Accepts a plaintext {@code ws://} URL: for a local test setup only (the access key travels in clear). */
        public Builder allowInsecure(boolean allow) {
            this.allowInsecure = allow;
            return this;
        }

        /** Reads the access key again before reconnecting after a refusal, so a rotated key is picked up. */
        public Builder accessKeySource(AccessKeySource source) {
            this.accessKeySource = source;
            return this;
        }

        /** How fast buffered statuses and telemetry are sent: a control plane with lower inbound limits needs less. */
        public Builder sendRate(int perSecond, int burst) {
            this.sendsPerSecond = perSecond;
            this.sendBurst = burst;
            return this;
        }

        public AgentConnectionSettings build() {
            return new AgentConnectionSettings(url, environmentId, accessKey, agentVersion, supportedVersions,
                    maxMessageBytes, backoff, connectTimeout, handshakeTimeout, caBundlePem, proxy,
                    telemetryCapacity, telemetryBatchSize, allowInsecure, accessKeySource, sendsPerSecond, sendBurst);
        }
    }
}
