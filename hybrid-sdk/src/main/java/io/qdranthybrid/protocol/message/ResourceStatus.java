package io.qdranthybrid.protocol.message;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * The observed status of one resource. Only the latest per {@link ResourceKey} matters, so buffers coalesce them.
 *
 * @param observedRevision the desired revision of the resource the agent had applied when it observed this status
 * @param status           the resource's status object (e.g. a QdrantCluster {@code .status}); copied on construction
 */
public record ResourceStatus(ResourceKey key, long observedRevision, JsonNode status, Instant observedAt)
        implements AgentMessage {

    public ResourceStatus {
        Require.present(key, "key");
        Require.nonNegative(observedRevision, "observedRevision");
        Require.present(status, "status");
        if (!status.isObject()) {
            throw new IllegalArgumentException("status of " + key + " must be a JSON object");
        }
        status = status.deepCopy();
        Require.present(observedAt, "observedAt");
    }

    @Override
    public MessageType type() {
        return MessageType.RESOURCE_STATUS;
    }
}
