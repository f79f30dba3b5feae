package io.qdranthybrid.platform.session;

import io.qdranthybrid.protocol.message.QueryError;

/** The agent answered a query with an error (unknown query, bad arguments, nothing by that name, RBAC). */
public final class QueryFailedException extends RuntimeException {

    private final QueryError error;

    public QueryFailedException(QueryError error) {
        super(error.message());
        this.error = error;
    }

    public QueryError error() {
        return error;
    }
}
