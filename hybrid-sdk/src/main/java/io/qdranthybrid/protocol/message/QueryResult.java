package io.qdranthybrid.protocol.message;

/**
 * One chunk of the agent's answer to a {@link Query}. Chunks of one answer share the {@code queryId}, count
 * {@code seq} up from 0 and end with {@code last}; the answer is the concatenation of their {@code data}. An answer
 * is either data or an {@code error} (then a single, last chunk). {@code truncated} on the last chunk says the agent
 * cut the answer at its size bound.
 */
public record QueryResult(String queryId, int seq, boolean last, String data, QueryError error, boolean truncated)
        implements AgentMessage {

    public QueryResult {
        Require.nonBlank(queryId, "queryId");
        Require.nonNegative(seq, "seq");
        data = Require.orEmpty(data);
        if (error != null && (!last || !data.isEmpty())) {
            throw new IllegalArgumentException("an error answers a query in a single last chunk without data");
        }
        if (truncated && !last) {
            throw new IllegalArgumentException("only the last chunk says whether the answer was truncated");
        }
    }

    public static QueryResult failed(String queryId, QueryError.Code code, String message) {
        return new QueryResult(queryId, 0, true, "", new QueryError(code, message), false);
    }

    @Override
    public MessageType type() {
        return MessageType.QUERY_RESULT;
    }
}
