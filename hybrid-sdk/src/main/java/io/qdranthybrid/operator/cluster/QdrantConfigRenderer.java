package io.qdranthybrid.operator.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.qdranthybrid.crd.AuditConfig;
import io.qdranthybrid.crd.CollectionConfig;
import io.qdranthybrid.crd.Gpu;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.QdrantConfiguration;
import io.qdranthybrid.crd.ServiceConfig;
import io.qdranthybrid.crd.StorageConfig;
import io.qdranthybrid.crd.TlsConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders a cluster's {@code production.yaml}, Qdrant's own configuration file, from {@code spec.config}.
 * API keys are not rendered: they reach the container as environment variables from their Secrets, so the
 * ConfigMap holds no secret. The output is deterministic, so its checksum changes only when the config does.
 */
public final class QdrantConfigRenderer {

    public static final String FILE_NAME = "production.yaml";
    public static final String CONFIG_DIR = "/qdrant/config";
    public static final String STORAGE_PATH = "/qdrant/storage";
    public static final String SNAPSHOTS_PATH = "/qdrant/snapshots";
    public static final String TLS_DIR = "/qdrant/tls";
    public static final int HTTP_PORT = 6333;
    public static final int GRPC_PORT = 6334;
    public static final int P2P_PORT = 6335;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private QdrantConfigRenderer() {
    }

    public static String render(QdrantClusterSpec spec) {
        QdrantConfiguration config = spec.getConfig() == null ? new QdrantConfiguration() : spec.getConfig();
        Map<String, Object> root = new LinkedHashMap<>();
        putIfSet(root, "log_level", config.getLogLevel());
        root.put("storage", storage(config.getStorage(), config.getCollection()));
        root.put("service", service(config.getService()));
        root.put("cluster", cluster(config.getTls()));
        if (tlsConfigured(config.getTls())) {
            root.put("tls", tls(config.getTls()));
        }
        if (spec.getGpu() != null) {
            root.put("gpu", gpu(spec.getGpu()));
        }
        if (config.getAudit() != null) {
            root.put("audit", audit(config.getAudit()));
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render production.yaml", e);
        }
    }

    /** A short, stable fingerprint of the rendered config, put on the pod template to roll pods on change. */
    public static String checksum(String rendered) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rendered.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private static Map<String, Object> storage(StorageConfig storage, CollectionConfig collection) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("storage_path", STORAGE_PATH);
        out.put("snapshots_path", SNAPSHOTS_PATH);
        if (storage != null && storage.getPerformance() != null) {
            Map<String, Object> performance = new LinkedHashMap<>();
            putIfSet(performance, "optimizer_cpu_budget", storage.getPerformance().getOptimizerCpuBudget());
            putIfSet(performance, "async_scorer", storage.getPerformance().getAsyncScorer());
            out.put("performance", performance);
        }
        if (storage != null) {
            putIfSet(out, "max_collections", storage.getMaxCollections());
        }
        if (collection != null) {
            Map<String, Object> defaults = new LinkedHashMap<>();
            putIfSet(defaults, "replication_factor", collection.getReplicationFactor());
            putIfSet(defaults, "write_consistency_factor", collection.getWriteConsistencyFactor());
            if (collection.getVectors() != null) {
                Map<String, Object> vectors = new LinkedHashMap<>();
                putIfSet(vectors, "on_disk", collection.getVectors().getOnDisk());
                defaults.put("vectors", vectors);
            }
            if (collection.getStrictMode() != null) {
                Map<String, Object> strict = new LinkedHashMap<>();
                putIfSet(strict, "max_payload_index_count", collection.getStrictMode().getMaxPayloadIndexCount());
                defaults.put("strict_mode", strict);
            }
            out.put("collection", defaults);
        }
        return out;
    }

    private static Map<String, Object> service(ServiceConfig service) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("host", "0.0.0.0");
        out.put("http_port", HTTP_PORT);
        out.put("grpc_port", GRPC_PORT);
        if (service != null) {
            putIfSet(out, "enable_tls", service.getEnableTls());
            putIfSet(out, "max_request_size_mb", service.getMaxRequestSizeMb());
            putIfSet(out, "jwt_rbac", service.getJwtRbac());
            putIfSet(out, "hide_jwt_dashboard", service.getHideJwtDashboard());
        }
        return out;
    }

    private static Map<String, Object> cluster(TlsConfig tls) {
        Map<String, Object> p2p = new LinkedHashMap<>();
        p2p.put("port", P2P_PORT);
        // Peer-to-peer TLS needs the CA that signed every node's certificate.
        p2p.put("enable_tls", tls != null && tls.getCaCert() != null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", true);
        out.put("p2p", p2p);
        out.put("consensus", Map.of("tick_period_ms", 100));
        return out;
    }

    private static boolean tlsConfigured(TlsConfig tls) {
        return tls != null && (tls.getCert() != null || tls.getKey() != null || tls.getCaCert() != null);
    }

    private static Map<String, Object> tls(TlsConfig tls) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (tls.getCert() != null) {
            out.put("cert", TLS_DIR + "/cert.pem");
        }
        if (tls.getKey() != null) {
            out.put("key", TLS_DIR + "/key.pem");
        }
        if (tls.getCaCert() != null) {
            out.put("ca_cert", TLS_DIR + "/cacert.pem");
        }
        return out;
    }

    private static Map<String, Object> gpu(Gpu gpu) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("indexing", true);
        putIfSet(out, "force_half_precision", gpu.getForceHalfPrecision());
        putIfSet(out, "device_filter", gpu.getDeviceFilter() == null ? null : String.join(",", gpu.getDeviceFilter()));
        putIfSet(out, "devices", gpu.getDevices());
        putIfSet(out, "parallel_indexes", gpu.getParallelIndexes());
        putIfSet(out, "groups_count", gpu.getGroupsCount());
        putIfSet(out, "allow_integrated", gpu.getAllowIntegrated());
        return out;
    }

    private static Map<String, Object> audit(AuditConfig audit) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfSet(out, "enabled", audit.getEnabled());
        putIfSet(out, "dir", audit.getDir());
        putIfSet(out, "rotation", audit.getRotation() == null ? null : audit.getRotation().wireValue());
        putIfSet(out, "max_log_files", audit.getMaxLogFiles());
        putIfSet(out, "trust_forwarded_headers", audit.getTrustForwardedHeaders());
        return out;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
