package io.qdranthybrid.agent;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qdranthybrid.protocol.message.NackReason;

import java.util.Optional;

/**
 * What a Kubernetes API error on one desired resource means for the agent. Only what can heal by itself is retried
 * (the whole revision redelivered): the API server unreachable or timing out (no HTTP code), 5xx, 429 Too Many
 * Requests, 409 Conflict, 401 (a token about to be renewed). Any other 4xx says the request itself is wrong for this cluster (400 Bad Request, 403 from
 * RBAC or an admission webhook, 404 of the kind, 422 from a schema or a validating webhook) and would fail again at
 * every redelivery, so the resource is refused for good with that reason while the rest applies.
 * (Status codes: k8s.io/apimachinery/pkg/api/errors/errors.go.)
 */
record ApiFailure(int code, String message) {

    static ApiFailure of(KubernetesClientException e) {
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage();
        return new ApiFailure(e.getCode(), message == null ? e.toString() : message);
    }

    boolean retryable() {
        return code < 400 || code >= 500 || code == 401 || code == 408 || code == 409 || code == 429;
    }

    /** The final reason, or empty when a redelivery may succeed. */
    Optional<NackReason> finalReason() {
        if (retryable()) {
            return Optional.empty();
        }
        return Optional.of(switch (code) {
            case 403 -> NackReason.FORBIDDEN;
            case 404 -> NackReason.NOT_FOUND;
            default -> NackReason.INVALID;
        });
    }

    String describe() {
        return "HTTP " + code + " " + message;
    }
}
