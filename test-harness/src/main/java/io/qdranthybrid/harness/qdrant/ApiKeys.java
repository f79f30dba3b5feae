package io.qdranthybrid.harness.qdrant;

import java.util.Optional;
import java.util.Set;

/**
 * Qdrant's API-key check: the full key allows everything, the read-only key only reads, and the
 * health endpoints are open so kubelet probes work without keys. A null key means "not configured".
 */
record ApiKeys(String fullKey, String readOnlyKey) {

    static final ApiKeys NONE = new ApiKeys(null, null);
    /** Served without a key: the whitelist of {@code src/actix/auth.rs} (the root, with the version, included). */
    private static final Set<String> OPEN_PATHS = Set.of("/", "/healthz", "/livez", "/readyz");

    ApiKeys {
        fullKey = blankToNull(fullKey);
        readOnlyKey = blankToNull(readOnlyKey);
    }

    /** The refusal for this request, or empty when it may proceed. */
    Optional<QdrantApiException> refusal(String method, String path, String apiKeyHeader, String authorizationHeader) {
        if ((fullKey == null && readOnlyKey == null) || OPEN_PATHS.contains(path)) {
            return Optional.empty();
        }
        String presented = apiKeyHeader != null ? apiKeyHeader : bearerToken(authorizationHeader);
        if (presented == null) {
            return Optional.of(QdrantApiException.authentication(401, "Must provide an API key or an Authorization bearer token"));
        }
        if (presented.equals(fullKey)) {
            return Optional.empty();
        }
        if (presented.equals(readOnlyKey)) {
            return "GET".equals(method) || "HEAD".equals(method)
                    ? Optional.empty()
                    : Optional.of(QdrantApiException.authentication(403, "Forbidden: Write access denied"));
        }
        return Optional.of(QdrantApiException.authentication(401, "Invalid API key or JWT"));
    }

    private static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    private static String blankToNull(String key) {
        return key == null || key.isBlank() ? null : key;
    }
}
