package io.qdranthybrid.protocol.message;

/** Why the agent could not answer a {@link Query}; {@code message} is for humans and says what to do. */
public record QueryError(Code code, String message) {

    /** Unknown codes from a newer agent decode as {@link #UNKNOWN}. */
    public enum Code {
        /** No handler for this query name on this agent. */
        UNSUPPORTED,
        /** The arguments are missing or out of range. */
        INVALID,
        /** What the query names does not exist (e.g. a node that is not part of the cluster). */
        NOT_FOUND,
        /** Kubernetes refused the read (RBAC). */
        FORBIDDEN,
        /** The read failed; asking again may help. */
        FAILED,
        UNKNOWN
    }

    public QueryError {
        Require.present(code, "code");
        message = Require.orEmpty(message);
    }
}
