package io.qdranthybrid.qdrant;

/** A Qdrant node answered with an error, or could not be reached, or its answer was lost. */
public class QdrantApiException extends RuntimeException {

    private final int statusCode;
    private final boolean outcomeUnknown;

    public QdrantApiException(int statusCode, String message) {
        this(statusCode, message, false);
    }

    public QdrantApiException(int statusCode, String message, boolean outcomeUnknown) {
        super(message);
        this.statusCode = statusCode;
        this.outcomeUnknown = outcomeUnknown;
    }

    public QdrantApiException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public QdrantApiException(String message, Throwable cause, boolean outcomeUnknown) {
        super(message, cause);
        this.statusCode = -1;
        this.outcomeUnknown = outcomeUnknown;
    }

    /** The HTTP status, or -1 when the node could not be reached or its answer did not arrive in time. */
    public int statusCode() {
        return statusCode;
    }

    /** True when the node did not answer at all (connection refused, timeout). */
    public boolean unreachable() {
        return statusCode < 0;
    }

    /**
     * True when a change may still take effect although the call did not succeed: the answer timed out after the
     * request was sent, or Qdrant itself stopped waiting for consensus to commit the change. The caller reads the
     * state again instead of counting the change as failed.
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
