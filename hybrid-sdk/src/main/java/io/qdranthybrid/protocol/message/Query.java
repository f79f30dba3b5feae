package io.qdranthybrid.protocol.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A read the control plane asks of the agent on request (e.g. a cluster's logs): the agent answers with one or more
 * {@link QueryResult} chunks carrying the same {@code queryId}. Unlike a {@link Command} it changes nothing, is never
 * redelivered and is forgotten by both sides once answered or timed out: nothing flows unless asked.
 */
public record Query(String queryId, String name, JsonNode args) implements ControlPlaneMessage {

    public Query {
        Require.nonBlank(queryId, "queryId");
        Require.nonBlank(name, "name");
        args = args == null || args.isNull() || args.isMissingNode() ? JsonNodeFactory.instance.objectNode() : args.deepCopy();
        if (!args.isObject()) {
            throw new IllegalArgumentException("args of query " + name + " must be a JSON object");
        }
    }

    @Override
    public MessageType type() {
        return MessageType.QUERY;
    }
}
