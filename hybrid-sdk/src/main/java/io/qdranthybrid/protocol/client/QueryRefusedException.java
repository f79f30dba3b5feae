package io.qdranthybrid.protocol.client;

import io.qdranthybrid.protocol.message.QueryError;

/** Thrown by a query handler that cannot answer; travels to the control plane as the answer's {@link QueryError}. */
public final class QueryRefusedException extends RuntimeException {

    private final QueryError.Code code;

    public QueryRefusedException(QueryError.Code code, String message) {
        super(message);
        this.code = code;
    }

    public QueryError.Code code() {
        return code;
    }
}
